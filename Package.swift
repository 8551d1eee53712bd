// swift-tools-version:5.10
// village-counsel: an optimiser for China's "one village (community), one legal adviser" programme.
//
// Dependency direction: village-counsel (executable) → CounselCLI → Planning → Reports → Assignment, Scheduling → CounselModel → Workbook; GLPK
//                       CounselModel → CounselText (the message catalogue, both languages; below everything that prints)
//                       Reports → QRCode (Swift wrapper) → CQRencode (system libqrencode)
//                       GLPK (Swift wrapper) → CGLPKGuard (C, setjmp-guarded calls) → CGLPK (system libglpk)
import PackageDescription

let package = Package(
    name: "village-counsel",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "village-counsel", targets: ["village-counsel"]),
        .library(name: "GLPK", targets: ["GLPK"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/CoreOffice/XMLCoder", from: "0.18.2"),
    ],
    targets: [
        // MARK: GLPK boundary
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        .target(
            name: "CGLPKGuard",
            dependencies: ["CGLPK"],
            // A C target does not pick up the modulemap's `link "glpk"`; say it here too.
            linkerSettings: [.linkedLibrary("glpk")]
        ),
        .target(
            name: "GLPK",
            dependencies: ["CGLPKGuard"]
        ),

        // MARK: QR codes: Debian's libqrencode through a system-library target, wrapped in Swift
        .systemLibrary(
            name: "CQRencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        .target(
            name: "QRCode",
            dependencies: ["CQRencode"]
        ),

        // MARK: Workbooks (.xlsx): ZIPFoundation for the container, XMLCoder for the XML parts
        .target(
            name: "Workbook",
            dependencies: [
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "XMLCoder", package: "XMLCoder"),
            ]
        ),

        // MARK: Messages: every text a user reads, in Chinese and English
        .target(name: "CounselText"),

        // MARK: Domain and planning
        .target(
            name: "CounselModel",
            dependencies: ["CounselText", "Workbook", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "Assignment",
            dependencies: ["CounselModel", "GLPK", .product(name: "Logging", package: "swift-log")]
        ),

        .target(
            name: "Scheduling",
            dependencies: ["CounselModel", "GLPK"]
        ),

        .target(
            name: "Reports",
            dependencies: ["CounselModel", "Assignment", "Scheduling", "Workbook", "QRCode"]
        ),

        // MARK: Every command's work, as functions from a request to an outcome
        .target(
            name: "Planning",
            dependencies: [
                "CounselModel", "Assignment", "Scheduling", "Reports", "GLPK",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: Command line: options, their checks, and outcomes as printed text and exit statuses
        .target(
            name: "CounselCLI",
            dependencies: [
                "Planning", "CounselModel", "Assignment", "Scheduling", "Reports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "village-counsel",
            dependencies: ["CounselCLI"]
        ),

        // MARK: Benchmarks (generators and harness)
        .executableTarget(
            name: "counsel-bench",
            dependencies: [
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ],
            path: "Benchmarks/Sources/counsel-bench"
        ),

        // MARK: Fuzzing (issue 13): the targets' code, and one executable per target. `make fuzz`
        // builds them with `-sanitize=fuzzer,address -DFUZZING` (libFuzzer's main); in an ordinary
        // build each replays the files it is given.
        .target(
            name: "FuzzHarness",
            dependencies: ["CounselModel", "Scheduling", "Assignment"],
            path: "Fuzz/Harness"
        ),
        .executableTarget(name: "fuzz-csv", dependencies: ["FuzzHarness"], path: "Fuzz/Targets/fuzz-csv"),
        .executableTarget(name: "fuzz-yaml", dependencies: ["FuzzHarness"], path: "Fuzz/Targets/fuzz-yaml"),
        .executableTarget(name: "fuzz-scenario", dependencies: ["FuzzHarness"], path: "Fuzz/Targets/fuzz-scenario"),
        .executableTarget(name: "fuzz-roster", dependencies: ["FuzzHarness"], path: "Fuzz/Targets/fuzz-roster"),

        // MARK: Tests
        // Shared by every test target: the package root, the seeded generator, scenario builders
        // and the golden-file assertion with its record mode.
        .target(
            name: "CounselTestSupport",
            dependencies: ["CounselModel"],
            path: "Tests/CounselTestSupport"
        ),
        .testTarget(name: "CounselTextTests", dependencies: ["CounselText"]),
        .testTarget(name: "GLPKTests", dependencies: ["GLPK", "CounselTestSupport"]),
        .testTarget(name: "WorkbookTests", dependencies: ["Workbook", "CounselTestSupport"]),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode", "CounselTestSupport"]),
        .testTarget(name: "CounselModelTests", dependencies: ["CounselModel", "Workbook", "CounselTestSupport"]),
        .testTarget(
            name: "AssignmentTests", dependencies: ["Assignment", "CounselModel", "GLPK", "CounselTestSupport"]),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling", "CounselModel", "CounselTestSupport"]),
        .testTarget(
            name: "ReportsTests",
            dependencies: [
                "Reports", "Assignment", "Scheduling", "CounselModel", "Workbook", "QRCode", "CounselTestSupport",
            ]),
        .testTarget(
            name: "PlanningTests", dependencies: ["Planning", "Assignment", "CounselModel", "CounselTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["CounselModel", "Workbook", "CounselTestSupport"]),
        .testTarget(name: "FuzzHarnessTests", dependencies: ["FuzzHarness"]),
    ]
)
