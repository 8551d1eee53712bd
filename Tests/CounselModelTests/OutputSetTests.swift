import Foundation
import XCTest

@testable import CounselModel

/// ``OutputSet``: the whole old set or the whole new set, whatever fails and wherever a run dies.
final class OutputSetTests: XCTestCase {
    private var root: URL!
    private var out: URL { root.appendingPathComponent("out") }

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("outputset-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    /// Every file under `folder` (relative path → bytes), hidden ones included.
    private func snapshot(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey]) else {
            return [:]
        }
        for case let url as URL in e {
            if try url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory == true { continue }
            result[String(url.path.dropFirst(folder.path.count + 1))] = try Data(contentsOf: url)
        }
        return result
    }

    private func temporaries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".") }
    }

    /// Writes a set like schedule's: three files, a folder of calendars, an optional workbook.
    private func writeSet(
        _ version: String, calendars: [String], workbook: Bool, configure: (OutputSet) -> Void = { _ in }
    ) throws {
        let set = try OutputSet(folder: out, name: "schedule")
        configure(set)
        try set.write("roster \(version)\n", to: "roster.csv")
        try set.write("compliance \(version)\n", to: "compliance.csv")
        try set.addFolder("ics", owns: { $0.hasSuffix(".ics") })
        for c in calendars { try set.write("calendar \(c) \(version)\n", to: "ics/\(c).ics") }
        if workbook { try set.write("xlsx \(version)", to: "roster.xlsx") } else { set.remove("roster.xlsx") }
        try set.write("shortfalls \(version)\n", to: "shortfalls.csv")
        try set.commit()
    }

    private func expected(_ version: String, calendars: [String], workbook: Bool) -> [String: Data] {
        var files = [
            "roster.csv": "roster \(version)\n", "compliance.csv": "compliance \(version)\n",
            "shortfalls.csv": "shortfalls \(version)\n",
        ]
        for c in calendars { files["ics/\(c).ics"] = "calendar \(c) \(version)\n" }
        if workbook { files["roster.xlsx"] = "xlsx \(version)" }
        return files.mapValues { Data($0.utf8) }
    }

    func testANewSetReplacesTheOldOneWholeAndKeepsTheUsersFiles() throws {
        try writeSet("1", calendars: ["A1", "A2"], workbook: true)
        XCTAssertEqual(try snapshot(out), expected("1", calendars: ["A1", "A2"], workbook: true))
        // A user's notes in ics/ and beside the outputs are not the command's: they stay.
        try Data("mine".utf8).write(to: out.appendingPathComponent("ics/notes.txt"))
        try Data("mine too".utf8).write(to: out.appendingPathComponent("README.txt"))
        try writeSet("2", calendars: ["A2", "A3"], workbook: false)
        var want = expected("2", calendars: ["A2", "A3"], workbook: false)
        want["ics/notes.txt"] = Data("mine".utf8)
        want["README.txt"] = Data("mine too".utf8)
        XCTAssertEqual(
            try snapshot(out), want, "A1's stale calendar and the stale workbook are gone, the user's files kept")
        XCTAssertEqual(try temporaries(), [])
    }

    /// A full disk simulated through the write hook, at every point of the staging: the old set is
    /// intact byte for byte and no temporary is left.
    func testAFullDiskAtAnyPointLeavesTheOldSetAndNoTemporary() throws {
        try writeSet("1", calendars: ["A1", "A2"], workbook: true)
        let old = try snapshot(out)
        for failAt in 0..<6 {
            var written = 0
            XCTAssertThrowsError(
                try writeSet("2", calendars: ["A2", "A3"], workbook: true) { set in
                    set.writer = { data, url in
                        if written == failAt { throw POSIXError(.ENOSPC) }
                        written += 1
                        try data.write(to: url)
                    }
                }, "failing write \(failAt)"
            ) { error in
                XCTAssertEqual((error as? POSIXError)?.code, .ENOSPC)
            }
            XCTAssertEqual(try snapshot(out), old, "after failing write \(failAt)")
            XCTAssertEqual(try temporaries(), [], "after failing write \(failAt)")
        }
    }

    /// A file in the way of a folder (or a folder in the way of a file) is found before anything
    /// changes: the old set is intact.
    func testAnOutputThatCannotReplaceWhatStandsThereChangesNothing() throws {
        try writeSet("1", calendars: ["A1"], workbook: false)
        try FileManager.default.removeItem(at: out.appendingPathComponent("ics"))
        try Data("not a folder".utf8).write(to: out.appendingPathComponent("ics"))
        let old = try snapshot(out)
        XCTAssertThrowsError(try writeSet("2", calendars: ["A1"], workbook: false)) { error in
            XCTAssertTrue("\(error)".contains("is a file; the output folder ics/ cannot replace it"), "\(error)")
        }
        XCTAssertEqual(try snapshot(out), old)
        XCTAssertEqual(try temporaries(), [])

        try FileManager.default.removeItem(at: out.appendingPathComponent("ics"))
        try FileManager.default.removeItem(at: out.appendingPathComponent("shortfalls.csv"))
        try FileManager.default.createDirectory(
            at: out.appendingPathComponent("shortfalls.csv"), withIntermediateDirectories: false)
        let old2 = try snapshot(out)
        XCTAssertThrowsError(try writeSet("2", calendars: ["A1"], workbook: false)) { error in
            XCTAssertTrue(
                "\(error)".contains("is a folder; the output file shortfalls.csv cannot replace it"), "\(error)")
        }
        XCTAssertEqual(try snapshot(out), old2)
        XCTAssertEqual(try temporaries(), [])
    }

    /// A run that dies after the commit point, or part-way through moving the outputs in: the next
    /// set on the folder finishes it first, so the dead run's set appears whole, then its own.
    func testADeathDuringTheCommitIsFinishedByTheNextRun() throws {
        for crash in [OutputSet.CrashPoint.afterCommitPoint, .afterEntries(0), .afterEntries(1), .afterEntries(3)] {
            try? FileManager.default.removeItem(at: out)
            try writeSet("1", calendars: ["A1", "A2"], workbook: true)
            try writeSet("2", calendars: ["A2", "A3"], workbook: false) { $0.crash = crash }
            XCTAssertEqual(try temporaries(), [".village-counsel-schedule.commit"], "\(crash)")
            // Any reader of the tool may look now; the next set of any command finishes the commit.
            let next = try OutputSet(folder: out, name: "publish")
            next.discard()
            XCTAssertEqual(try snapshot(out), expected("2", calendars: ["A2", "A3"], workbook: false), "\(crash)")
            XCTAssertEqual(try temporaries(), [], "\(crash)")
        }
    }

    /// Where folders cannot be swapped in one step, they are moved by two renames, and a death
    /// between those is finished by the next run as well.
    func testWithoutAnAtomicSwapFoldersAreMovedAsideThenIn() throws {
        OutputSet.withoutExchange = true
        defer { OutputSet.withoutExchange = false }
        try writeSet("1", calendars: ["A1", "A2"], workbook: true)
        try writeSet("2", calendars: ["A2", "A3"], workbook: false)
        XCTAssertEqual(try snapshot(out), expected("2", calendars: ["A2", "A3"], workbook: false))
        try writeSet("3", calendars: ["A4"], workbook: true) { $0.crash = .afterEntries(3) }
        _ = try OutputSet(folder: out, name: "other")
        XCTAssertEqual(try snapshot(out), expected("3", calendars: ["A4"], workbook: true))
        XCTAssertEqual(try temporaries(), [])
    }

    /// A staging folder whose process died (its lock is gone) is removed by the next run; one whose
    /// owner still runs is left alone.
    func testStagingOfADeadRunIsRemovedAndALiveOneKept() throws {
        try writeSet("1", calendars: ["A1"], workbook: false)
        let dead = out.appendingPathComponent(".village-counsel-schedule.99999.1.staging")
        try FileManager.default.createDirectory(
            at: dead.appendingPathComponent("new"), withIntermediateDirectories: true)
        try Data("half".utf8).write(to: dead.appendingPathComponent("new/roster.csv"))
        let live = try OutputSet(folder: out, name: "publish")  // holds its staging folder's lock
        try live.write("x", to: "x.txt")
        let next = try OutputSet(folder: out, name: "assess")
        let left = try temporaries()
        XCTAssertFalse(left.contains(dead.lastPathComponent), left.description)
        XCTAssertEqual(left.filter { $0.contains("publish") }.count, 1, left.description)
        next.discard()
        live.discard()
        XCTAssertEqual(try temporaries(), [])
        XCTAssertEqual(try snapshot(out), expected("1", calendars: ["A1"], workbook: false))
    }

    func testPathsThatWouldLeaveTheSetAreRefused() throws {
        let set = try OutputSet(folder: out, name: "t")
        try set.addFolder("ics", owns: { _ in true })
        for bad in ["../x", "/etc/passwd", "ics/../../x", "ics/./a", "a/b", "", "ics/", "ics//a", "x\u{0}y"] {
            XCTAssertThrowsError(try set.write("x", to: bad), bad)
        }
        XCTAssertThrowsError(try set.addFolder("..", owns: { _ in true }))
        XCTAssertThrowsError(try set.addFolder("a/b", owns: { _ in true }))
        set.discard()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), ["out"])
        XCTAssertEqual(try snapshot(out), [:])
    }

    /// A set dropped without a commit (an error thrown past it) leaves nothing.
    func testASetReleasedWithoutACommitLeavesNothing() throws {
        do {
            let set = try OutputSet(folder: out, name: "t")
            try set.write("x", to: "a.csv")
        }
        XCTAssertEqual(try temporaries(), [])
        XCTAssertEqual(try snapshot(out), [:])
    }
}
