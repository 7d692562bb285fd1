// libFuzzer entry point of the "frames" target (built by scripts/fuzz); the body is CoreFuzz.frames.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    CoreFuzz.frames(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
