// libFuzzer entry point of the "keys" target (built by scripts/fuzz); the body is UIFuzz.keys.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    UIFuzz.keys(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
