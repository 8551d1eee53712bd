import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A command's outputs written as one set: a reader of the output folder sees the whole old set
/// or the whole new set, never a mix, and a failure or a kill part-way loses nothing the folder had.
///
/// Every file is first written into a hidden temporary sibling of the outputs
/// (`OUT/.village-counsel-NAME.PID.staging/`); nothing in the folder changes until ``commit()``.
/// A failure before then (a write error, a full disk, `kill -9`) leaves the old outputs as they
/// were. ``commit()`` then
///
/// 1. checks that every output can replace what stands at its place (a file cannot replace a
///    folder, nor a folder a file), and refuses the whole set otherwise;
/// 2. carries files into a replaced folder that the command does not own (a user's own
///    `notes.txt` in `OUT/ics/`), so that replacing the folder loses none of them;
/// 3. writes a manifest and renames the staging folder to `OUT/.village-counsel-NAME.commit` —
///    the commit point, one atomic rename;
/// 4. moves each output into place: a file by `rename(2)` over the old one, a folder by swapping
///    it with the old one in one step (Linux `renameat2(RENAME_EXCHANGE)`; two renames elsewhere);
///    files to be removed (a stale `plan.xlsx`) are removed; the old outputs are deleted.
///
/// Step 4 is short, and if the process dies during it, the next ``OutputSet`` on the same folder
/// finishes it from the manifest before anything else (so the new set appears whole); it also
/// removes staging folders whose process has died (it holds no lock on them any more). A lock
/// on the output folder (`flock(2)`) keeps two commits, or a commit and that clean-up, apart.
///
/// The staged files are flushed to disk once, before the commit point, and the folder after
/// step 4. Not guarded against: readers that copy the folder during the few renames of step 4.
public final class OutputSet {
    /// The output folder.
    public let folder: URL
    /// The set's name, part of the temporary names (`assign`, `schedule`, `publish`).
    public let name: String
    /// Writes one staged file; replaceable so that tests can simulate a full disk. The default
    /// writes `data` at `url` with `write(2)`, without syncing each file (the whole set is synced
    /// once, before the commit point).
    public var writer: (Data, URL) throws -> Void = { data, url in try OutputSet.writeFile(data, to: url) }
    /// Asked before each file and before the commit point; when it answers `true` the set stops
    /// with ``OutputSetError/isCancellation`` (Ctrl-C while writing), and nothing is put in place.
    public var isCancelled: () -> Bool = { false }

    /// What one output is.
    enum Kind: String, Codable { case file, folder }

    struct Entry: Codable {
        var name: String
        var kind: Kind
        /// The staged item's inode, which tells after a crash whether a folder was swapped in yet.
        var inode: UInt64 = 0
    }

    struct Manifest: Codable {
        var entries: [Entry]
        var removals: [String]
    }

    private let staging: URL
    private var stagingLock: Int32 = -1
    private var entries: [Entry] = []
    /// For each folder output: which of its files the command owns (the others are carried over).
    private var owns: [String: (String) -> Bool] = [:]
    private var removals: [String] = []
    private var finished = false

    /// Test hooks: a simulated crash at a point of ``commit()`` (the process "dies" there: the
    /// method returns without cleaning up, as `kill -9` would leave things).
    enum CrashPoint: Equatable {
        case afterCommitPoint
        case afterEntries(Int)
    }
    var crash: CrashPoint?

    /// Starts a set in `folder` (created if missing): finishes or removes what an earlier run
    /// left (see the type's documentation) and makes the staging folder.
    ///
    /// - Throws: the file system's error when the folder cannot be created or written.
    public init(folder: URL, name: String) throws {
        let folder = folder.standardizedFileURL
        self.folder = folder
        self.name = name
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.withLock(on: folder) { try Self.recover(in: folder) }
        staging = folder.appendingPathComponent(
            ".\(Self.prefix)\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).staging")
        try FileManager.default.createDirectory(
            at: staging.appendingPathComponent("new"), withIntermediateDirectories: true)
        // Held until the set is committed or discarded; the kernel drops it when the process dies,
        // which is how a later run tells a staging folder left by a dead process.
        stagingLock = open(staging.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if stagingLock >= 0 { _ = flock(stagingLock, LOCK_EX | LOCK_NB) }
    }

    deinit {
        if !finished { discard() }
    }

    /// Where `relativePath` is staged.
    private func stagedURL(_ relativePath: String) -> URL {
        staging.appendingPathComponent("new").appendingPathComponent(relativePath)
    }

    /// Writes an output: a file of the folder (`assignment.csv`), or a file inside one of the
    /// set's folders (`ics/A00001.ics`, after ``addFolder(_:owns:)``).
    ///
    /// - Throws: ``OutputSetError`` for a path that would leave the set (`..`, an absolute path, a
    ///   file inside a folder not added), or the writer's error.
    public func write(_ data: Data, to relativePath: String) throws {
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !relativePath.hasPrefix("/"), !parts.isEmpty,
            parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("\0") })
        else {
            throw OutputSetError("'\(relativePath)' is not a path inside the output folder")
        }
        if parts.count == 1 {
            if !entries.contains(where: { $0.name == parts[0] }) {
                entries.append(Entry(name: parts[0], kind: .file))
            } else if entries.contains(where: { $0.name == parts[0] && $0.kind == .folder }) {
                throw OutputSetError("'\(parts[0])' is one of the set's folders, not a file")
            }
        } else {
            guard entries.contains(where: { $0.name == parts[0] && $0.kind == .folder }) else {
                throw OutputSetError("'\(relativePath)' is inside '\(parts[0])', which is not one of the set's folders")
            }
        }
        if isCancelled() { throw OutputSetError.cancelled }
        let url = stagedURL(relativePath)
        if parts.count > 2 {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        }
        try writer(data, url)
    }

    /// Writes UTF-8 text as an output (see ``write(_:to:)-(Data,_)``).
    public func write(_ text: String, to relativePath: String) throws {
        try write(Data(text.utf8), to: relativePath)
    }

    /// Adds a folder of outputs (`ics`), which replaces the old folder whole: after the commit it
    /// holds what was written into it, plus the old folder's files for which `owns` is false
    /// (files the user put there). Old files the command owns and did not write again are gone,
    /// since they would contradict the new set (a stale calendar).
    public func addFolder(_ name: String, owns: @escaping (String) -> Bool) throws {
        guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
            throw OutputSetError("'\(name)' is not a folder name")
        }
        guard !entries.contains(where: { $0.name == name }) else { return }
        entries.append(Entry(name: name, kind: .folder))
        self.owns[name] = owns
        try FileManager.default.createDirectory(at: stagedURL(name), withIntermediateDirectories: false)
    }

    /// Removes `name` from the folder at the commit, if it is there and is not written again (a
    /// `plan.xlsx` that the new set no longer has would contradict it).
    public func remove(_ name: String) {
        if !removals.contains(name) { removals.append(name) }
    }

    /// Puts the set in place (see the type's documentation); afterwards the set is finished.
    ///
    /// - Throws: ``OutputSetError`` when an output cannot replace what stands at its place (the old
    ///   set is then untouched), or the file system's error.
    public func commit() throws {
        guard !finished else { throw OutputSetError("the output set was already committed or discarded") }
        if isCancelled() {
            discard()
            throw OutputSetError.cancelled
        }
        do {
            try Self.withLock(on: folder) {
                try Self.recover(in: folder)  // a run that died since our start left a commit to finish
                let fm = FileManager.default
                for e in entries {
                    let target = folder.appendingPathComponent(e.name)
                    guard let kind = Self.kind(at: target) else { continue }
                    if e.kind == .file && kind == .folder {
                        throw OutputSetError(
                            "\(target.path) is a folder; the output file \(e.name) cannot replace it (move it away and run again)"
                        )
                    }
                    if e.kind == .folder && kind == .file {
                        throw OutputSetError(
                            "\(target.path) is a file; the output folder \(e.name)/ cannot replace it (move it away and run again)"
                        )
                    }
                }
                let removals = self.removals.filter { r in !entries.contains { $0.name == r } }
                for r in removals where Self.kind(at: folder.appendingPathComponent(r)) == .folder {
                    throw OutputSetError(
                        "\(folder.appendingPathComponent(r).path) is a folder; it would contradict the new outputs, but is not removed (move it away and run again)"
                    )
                }
                // Carry the user's files over into each folder that replaces an old one.
                for e in entries where e.kind == .folder {
                    let old = folder.appendingPathComponent(e.name)
                    guard Self.kind(at: old) == .folder, let owned = owns[e.name] else { continue }
                    for item in try fm.contentsOfDirectory(atPath: old.path).sorted() where !owned(item) {
                        let staged = stagedURL(e.name).appendingPathComponent(item)
                        if fm.fileExists(atPath: staged.path) { continue }
                        try fm.copyItem(at: old.appendingPathComponent(item), to: staged)
                    }
                }
                var manifest = Manifest(entries: entries, removals: removals)
                for i in manifest.entries.indices {
                    manifest.entries[i].inode = Self.inode(at: stagedURL(manifest.entries[i].name)) ?? 0
                }
                try Self.writeFile(JSONEncoder().encode(manifest), to: staging.appendingPathComponent("manifest.json"))
                Self.syncFileSystem(of: staging)  // the staged files are on disk before the commit point
                let committing = Self.commitURL(in: folder, name: name)
                if isCancelled() { throw OutputSetError.cancelled }
                if rename(staging.path, committing.path) != 0 {
                    throw OutputSetError(
                        "cannot rename \(staging.path) to \(committing.path): \(String(cString: strerror(errno)))")
                }
                closeStagingLock()
                finished = true
                if crash == .afterCommitPoint { return }
                try Self.apply(committing, in: folder, crash: crash)
                Self.syncFolder(folder)
            }
        } catch {
            if !finished { discard() }
            throw error
        }
    }

    /// Drops the staged files; the folder stays as it was. Called on every failure and when the
    /// set is released without a commit.
    public func discard() {
        guard !finished else { return }
        finished = true
        try? FileManager.default.removeItem(at: staging)
        closeStagingLock()
    }

    private func closeStagingLock() {
        if stagingLock >= 0 { close(stagingLock) }
        stagingLock = -1
    }

    // MARK: Commit and recovery

    /// Hidden names begin with this (`.village-counsel-assign.commit`).
    static let prefix = "village-counsel-"

    static func commitURL(in folder: URL, name: String) -> URL {
        folder.appendingPathComponent(".\(prefix)\(name).commit")
    }

    /// Whether `item` (a name in an output folder) is one of this type's temporaries.
    public static func isTemporary(_ item: String) -> Bool {
        item.hasPrefix("." + prefix) && (item.hasSuffix(".staging") || item.hasSuffix(".commit"))
    }

    /// Finishes every commit a dead run left in `folder` and removes the staging folders of dead
    /// runs. The caller holds the folder's lock.
    static func recover(in folder: URL) throws {
        let fm = FileManager.default
        for item in ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() where isTemporary(item) {
            let url = folder.appendingPathComponent(item)
            if item.hasSuffix(".commit") {
                try apply(url, in: folder, crash: nil)
            } else {
                // A staging folder whose owner still runs is locked; one whose owner died is not.
                let fd = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                guard fd >= 0 else { continue }
                defer { close(fd) }
                if flock(fd, LOCK_EX | LOCK_NB) == 0 { try? fm.removeItem(at: url) }
            }
        }
    }

    /// Moves a committed set's outputs into `folder` from its manifest, idempotently (a crash part-way
    /// is finished by calling this again), then removes the commit folder.
    static func apply(_ committing: URL, in folder: URL, crash: CrashPoint?) throws {
        let fm = FileManager.default
        let manifestURL = committing.appendingPathComponent("manifest.json")
        guard let data = try? Data(contentsOf: manifestURL),
            let manifest = try? JSONDecoder().decode(Manifest.self, from: data)
        else {
            // No manifest: the rename that makes a commit folder happens only after the manifest is
            // written, so this is not ours to finish; leave it for a person to look at.
            throw OutputSetError("\(committing.path) has no readable manifest; move it away and run again")
        }
        let new = committing.appendingPathComponent("new"), old = committing.appendingPathComponent("old")
        for (i, e) in manifest.entries.enumerated() {
            if case .afterEntries(let n) = crash, i == n { return }
            let staged = new.appendingPathComponent(e.name), target = folder.appendingPathComponent(e.name)
            switch e.kind {
            case .file:
                guard kind(at: staged) != nil else { continue }  // moved already
                if rename(staged.path, target.path) != 0 {
                    throw posixError("cannot move \(e.name) into \(folder.path)")
                }
            case .folder:
                if inode(at: target) == e.inode { continue }  // swapped in already
                guard inode(at: staged) == e.inode else { continue }
                if kind(at: target) == nil {
                    if rename(staged.path, target.path) != 0 {
                        throw posixError("cannot move \(e.name)/ into \(folder.path)")
                    }
                } else if !exchange(staged.path, target.path) {
                    // No atomic swap here: move the old folder aside, then the new one in. A crash
                    // between the two leaves the new one staged, which the next run moves in.
                    try fm.createDirectory(at: old, withIntermediateDirectories: true)
                    if rename(target.path, old.appendingPathComponent(e.name).path) != 0 {
                        throw posixError("cannot move the old \(e.name)/ aside")
                    }
                    if rename(staged.path, target.path) != 0 {
                        throw posixError("cannot move \(e.name)/ into \(folder.path)")
                    }
                }
            }
        }
        for r in manifest.removals {
            let url = folder.appendingPathComponent(r)
            if let k = kind(at: url), k == .file { try fm.removeItem(at: url) }
        }
        try fm.removeItem(at: committing)  // the old outputs that were swapped out go with it
    }

    /// Runs `body` holding an exclusive `flock(2)` on `folder`.
    static func withLock<T>(on folder: URL, _ body: () throws -> T) throws -> T {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw posixError("cannot open \(folder.path)") }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw posixError("cannot lock \(folder.path)") }
        }
        defer { _ = flock(fd, LOCK_UN) }
        return try body()
    }

    /// File, folder (a symbolic link counts as a file: it is replaced, never followed), or `nil`.
    static func kind(at url: URL) -> Kind? {
        var st = stat()
        guard lstat(url.path, &st) == 0 else { return nil }
        return (st.st_mode & S_IFMT) == S_IFDIR ? .folder : .file
    }

    static func inode(at url: URL) -> UInt64? {
        var st = stat()
        guard lstat(url.path, &st) == 0 else { return nil }
        return UInt64(st.st_ino)
    }

    /// Test hook: behave as on a system without an atomic swap (the two-rename fallback).
    static var withoutExchange = false

    /// Swaps two paths in one step, where the system can (Linux 3.15+: `renameat2` with
    /// `RENAME_EXCHANGE`, looked up at run time; macOS: `renamex_np` with `RENAME_SWAP`).
    static func exchange(_ a: String, _ b: String) -> Bool {
        if withoutExchange { return false }
        #if os(Linux)
            typealias RenameAt2 =
                @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
            // RTLD_DEFAULT
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
            let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
            let currentFolder: Int32 = -100, renameExchange: UInt32 = 1 << 1  // AT_FDCWD, RENAME_EXCHANGE
            return renameat2(currentFolder, a, currentFolder, b, renameExchange) == 0
        #elseif canImport(Darwin)
            return renamex_np(a, b, UInt32(RENAME_SWAP)) == 0
        #else
            return false
        #endif
    }

    /// Writes `data` to a new file at `url` (replacing one there), with `write(2)` and no sync.
    static func writeFile(_ data: Data, to url: URL) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw posixError("cannot create \(url.path)") }
        var failure: OutputSetError?
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let n = posixWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = posixError("cannot write \(url.path)")
                    return
                }
                offset += n
            }
        }
        if close(fd) != 0 && failure == nil { failure = posixError("cannot write \(url.path)") }
        if let failure { throw failure }
    }

    /// Flushes the file system holding `url` to disk (Linux `syncfs`, looked up at run time; a
    /// whole `sync` elsewhere), so that staged files survive a power loss once committed.
    static func syncFileSystem(of url: URL) {
        #if os(Linux)
            typealias SyncFS = @convention(c) (Int32) -> Int32
            let fd = open(url.path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return }
            defer { close(fd) }
            if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") {
                _ = unsafeBitCast(symbol, to: SyncFS.self)(fd)
            } else {
                sync()
            }
        #else
            sync()
        #endif
    }

    /// Syncs a folder's entries (the renames of a commit) to disk.
    static func syncFolder(_ url: URL) {
        let fd = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    static func posixError(_ what: String) -> OutputSetError {
        OutputSetError("\(what): \(String(cString: strerror(errno)))")
    }
}

/// `write(2)`, named apart from ``OutputSet/write(_:to:)-(Data,_)``.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        return Glibc.write(fd, buffer, count)
    #else
        return Darwin.write(fd, buffer, count)
    #endif
}

/// Why an output set could not be written or put in place.
public struct OutputSetError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, naming the path.
    public var description: String
    /// Whether the set stopped because ``OutputSet/isCancelled`` asked it to.
    public var isCancellation = false
    init(_ description: String) { self.description = description }

    static let cancelled: OutputSetError = {
        var e = OutputSetError("stopped by an interrupt before the outputs were put in place; nothing was written")
        e.isCancellation = true
        return e
    }()
}
