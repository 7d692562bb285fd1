// libFuzzer entry point of the "csv" target (built by scripts/fuzz); the body is CoreFuzz.csv.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    CoreFuzz.csv(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
