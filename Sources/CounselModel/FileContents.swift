import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads whole input files with `read(2)`.
///
/// Foundation's `Data(contentsOf:)` leaks its buffer on an empty file, and
/// `String(contentsOf:encoding:)` on one that does not decode (swift-corelibs-foundation 6.3, found
/// by fuzzing with LeakSanitizer); every input file of a scenario is read here instead.
public enum FileContents {
    /// Why a file could not be read.
    public struct ReadError: Error, LocalizedError, CustomNSError, CustomStringConvertible, Sendable {
        /// The path.
        public var path: String
        /// The system's reason (`No such file or directory`).
        public var reason: String
        /// The `errno` value (0 when not a system error), so the error reads as one in the POSIX domain.
        public var code: Int32 = 0
        public var description: String { reason }
        public var errorDescription: String? { reason }
        public static var errorDomain: String { NSPOSIXErrorDomain }
        public var errorCode: Int { Int(code) }
        public var errorUserInfo: [String: Any] { [NSLocalizedDescriptionKey: reason] }
    }

    /// The bytes of the file at `url`.
    ///
    /// - Throws: ``ReadError`` when it cannot be opened or read (or is a folder).
    public static func read(_ url: URL) throws -> Data {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ReadError(path: url.path, reason: String(cString: strerror(errno)), code: errno) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            throw ReadError(path: url.path, reason: String(cString: strerror(errno)), code: errno)
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            throw ReadError(path: url.path, reason: "is a folder, not a file", code: EISDIR)
        }
        var data = Data(count: max(0, Int(st.st_size)))
        var total = 0
        while true {
            if total == data.count { data.count += max(4096, data.count / 2) }  // a file that grows, or a pipe
            let n = data.withUnsafeMutableBytes { buffer in
                Foundation.read(fd, buffer.baseAddress! + total, buffer.count - total)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw ReadError(path: url.path, reason: String(cString: strerror(errno)), code: errno)
            }
            if n == 0 { break }
            total += n
        }
        data.count = total
        return data
    }

    /// The file at `url` as UTF-8 text, or `nil` when its bytes are not UTF-8.
    ///
    /// - Throws: ``ReadError`` when it cannot be read.
    public static func utf8Text(_ url: URL) throws -> String? {
        String(validating: try read(url), as: UTF8.self)
    }
}
