import CounselModel
import CounselTestSupport
import Foundation
import Scheduling
import XCTest

/// A small fixed scenario for the notice-board and ledger tests, written to a fresh temporary
/// folder and loaded the way the command line loads it.
///
/// - V1 双桥村 (county C1, whose `counties.csv` row names its justice office) is served by A1 张伟 of F1.
/// - V2 江南社区 (county C2, no office in `counties.csv`: the `scenario.yaml` keys apply) by A2 李娜.
/// - V3 is uncovered; its name holds HTML's special characters.
/// - A3 王芳 serves nowhere; her phone must appear on no board.
final class NoticeFixture {
    let folder: URL
    let scenario: Scenario

    static let files: [(String, String)] = [
        (
            "scenario.yaml",
            """
            name: 公示测试
            rules: nanning
            year: 2026
            justice_office: 武鸣区司法局
            justice_office_phone: 0771-6220000

            """
        ),
        (
            "counties.csv",
            """
            id,name,city,under_resourced,justice_office,justice_office_phone
            C1,武鸣区,南宁市,false,城厢司法所,0771-6221234
            C2,兴宁区,南宁市,false,,

            """
        ),
        (
            "firms.csv",
            """
            id,name,kind,county
            F1,广西武鸣律师事务所,law_firm,C1
            F2,城厢镇法律服务所,legal_service_office,C2

            """
        ),
        (
            "advisers.csv",
            """
            id,name,role,firm,county,lat,lon,phone
            A1,张伟,lawyer,F1,C1,23.17,108.26,13800000001
            A2,李娜,grassroots_worker,F2,C2,23.14,108.29,13900000002
            A3,王芳,lawyer,F1,C1,23.18,108.25,13700000003

            """
        ),
        (
            "villages.csv",
            #"""
            id,name,kind,township,county,lat,lon
            V1,双桥村,village,城厢镇,C1,23.16,108.27
            V2,江南社区,community,江南街道,C2,23.15,108.28
            V3,"石门村<试点>&""一""",village,城厢镇,C1,23.10,108.20

            """#
        ),
    ]

    /// The plan: V3 has no adviser.
    static let assignment: [String: String] = ["V1": "A1", "V2": "A2"]

    /// A fixed roster: V1 has on-site service, a lecture and an off-site session (not on the
    /// board, but in the ledger); V2 has its own sessions, which V1's board and ledger must not show.
    static let roster: Roster = {
        func d(_ s: String) -> Day { Day(s)! }
        return Roster([
            Session(
                day: d("2026-01-20"), start: 9 * 60, end: 14 * 60, adviser: "A1", village: "V1", mode: .onsite,
                activity: .service),
            Session(
                day: d("2026-02-13"), start: 9 * 60, end: 14 * 60, adviser: "A1", village: "V1", mode: .onsite,
                activity: .service),
            Session(
                day: d("2026-03-10"), start: 14 * 60, end: 16 * 60, adviser: "A1", village: "V1", mode: .onsite,
                activity: .lecture),
            Session(
                day: d("2026-03-11"), start: 9 * 60, end: 11 * 60, adviser: "A1", village: "V1", mode: .offsite,
                activity: .service),
            Session(
                day: d("2026-03-20"), start: 9 * 60, end: 14 * 60, adviser: "A1", village: "V1", mode: .onsite,
                activity: .service),
            Session(
                day: d("2026-01-21"), start: 9 * 60, end: 14 * 60, adviser: "A2", village: "V2", mode: .onsite,
                activity: .service),
            Session(
                day: d("2026-02-24"), start: 14 * 60, end: 16 * 60, adviser: "A2", village: "V2", mode: .online,
                activity: .training),
        ])
    }()

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("notice-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in Self.files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        scenario = try Scenario.load(from: folder, modelsSearchPath: [ReportsTestPaths.models])
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func village(_ id: String) -> Village { scenario.villages.first { $0.id == id }! }

    /// Every phone in advisers.csv.
    var phones: [String: String] { Dictionary(uniqueKeysWithValues: scenario.advisers.map { ($0.id, $0.phone) }) }
}

/// Paths of the package, from this file's place.
enum ReportsTestPaths {
    static let root = PackageRoot.url
    static let models = PackageRoot.models
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
}

/// Compares `data` byte for byte with `Golden/NAME`. To regenerate deliberately, run the test
/// with `VILLAGE_COUNSEL_REGENERATE_GOLDENS=1`: the file is rewritten and the test fails once, so
/// that the new golden is reviewed (`git diff Tests/ReportsTests/Golden`) before it is trusted.
func assertGolden(_ data: Data, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
    try Golden.assert(data, matches: ReportsTestPaths.golden.appendingPathComponent(name), file: file, line: line)
}
