import FuzzHarness
#if FUZZING
import Foundation

/// libFuzzer's driver (in the fuzzer runtime that `-sanitize=fuzzer` links): SwiftPM gives an
/// executable its own `main`, so the driver is started from here rather than by libFuzzer's.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// The fuzz target `fuzz-scenario` under libFuzzer (`make fuzz`: `-sanitize=fuzzer,address -DFUZZING`).
@main
struct Fuzz {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            FuzzHarness.scenario(UnsafeRawBufferPointer(start: data, count: size))
            return 0
        })
    }
}
#else
/// Without libFuzzer: runs the target on each file or folder given (`fuzz-scenario Fuzz/Corpus/scenario`).
@main
struct Replay {
    static func main() {
        let n = FuzzHarness.replay(Array(CommandLine.arguments.dropFirst()), FuzzHarness.scenario)
        print("fuzz-scenario: \(n) input(s) run, no crash")
    }
}
#endif
