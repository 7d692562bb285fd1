// libFuzzer entry point of the "theme" target (built by scripts/fuzz); the body is UIFuzz.theme.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    UIFuzz.theme(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
