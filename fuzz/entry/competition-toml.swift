// libFuzzer entry point of the "competition-toml" target (built by scripts/fuzz); the body is CoreFuzz.competitionTOML.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    CoreFuzz.competitionTOML(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
