import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An adviser's photo named by `advisers.csv` (`photo`): untrusted input, so checked before a
/// byte of it is used. The path must be relative and stay inside the scenario folder once every
/// symbolic link is resolved (no `..`, no link pointing out), name a regular file of at most
/// ``maximumBytes``, and be a PNG or JPEG whose content agrees with its extension. The notice board
/// embeds it (a data URI), so the page stays self-contained.
public enum ScenarioPhoto {
    /// A photo read and checked.
    public struct Image: Sendable, Equatable {
        /// `image/png` or `image/jpeg`.
        public var mimeType: String
        /// The file's bytes.
        public var data: Data

        /// `data:image/png;base64,…`, for an `<img src>` that needs no other file.
        public var dataURI: String { "data:\(mimeType);base64,\(data.base64EncodedString())" }
    }

    /// The largest photo accepted: 2 MiB (a board prints it about 30 × 40 mm).
    public static let maximumBytes = 2 * 1024 * 1024

    /// The extensions accepted, with the type each must be.
    static let types: [String: String] = ["png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"]

    /// Checks `path` against the scenario folder and returns the photo, or why it cannot be used
    /// (a message for `photo: …`, saying what was expected).
    public static func load(_ path: String, in directory: URL) -> Result<Image, PhotoProblem> {
        if path.hasPrefix("/") || path.hasPrefix("~") || path.hasPrefix("\\") || path.contains("\\")
            || (path.count >= 2 && path.dropFirst().first == ":")
        {
            return .failure(PhotoProblem(tr("photo.relative", ["path": path])))
        }
        if path.contains("\0")
            || path.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == ".." })
        {
            return .failure(PhotoProblem(tr("photo.leaves", ["path": path])))
        }
        let ext = (path as NSString).pathExtension.lowercased()
        guard let mime = types[ext] else {
            return .failure(PhotoProblem(tr("photo.kind", ["path": path])))
        }
        guard let folder = realPath(directory.path) else {
            return .failure(PhotoProblem(tr("photo.unresolved")))
        }
        let candidate = directory.appendingPathComponent(path).path
        guard let resolved = realPath(candidate) else {
            return .failure(PhotoProblem(tr("photo.noFile", ["path": path])))
        }
        guard resolved.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") else {
            return .failure(PhotoProblem(tr("photo.linkOut", ["path": path, "resolved": resolved])))
        }
        var info = stat()
        guard stat(resolved, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            return .failure(PhotoProblem(tr("photo.notRegular", ["path": path])))
        }
        guard info.st_size > 0 else { return .failure(PhotoProblem(tr("photo.empty", ["path": path]))) }
        guard info.st_size <= maximumBytes else {
            return .failure(
                PhotoProblem(
                    tr("photo.tooLarge", ["path": path, "bytes": info.st_size, "max": maximumBytes / 1024 / 1024])))
        }
        guard let data = FileManager.default.contents(atPath: resolved), data.count <= maximumBytes else {
            return .failure(PhotoProblem(tr("photo.unreadable", ["path": path])))
        }
        let isPNG = data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let isJPEG = data.starts(with: [0xFF, 0xD8, 0xFF])
        if mime == "image/png" && !isPNG || mime == "image/jpeg" && !isJPEG {
            let actually = tr(isPNG ? "photo.png" : isJPEG ? "photo.jpeg" : "photo.neither")
            return .failure(PhotoProblem(tr("photo.mismatch", ["path": path, "ext": ext, "actually": actually])))
        }
        return .success(Image(mimeType: mime, data: data))
    }

    /// `realpath(3)`: the absolute path with every symbolic link resolved, or `nil`.
    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}

/// Why a photo cannot be used.
public struct PhotoProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong and what was expected.
    public var description: String
    init(_ description: String) { self.description = description }
}

/// A WeChat ID (微信号) as WeChat allows it: 6–20 characters, letters, digits, `_` and `-`,
/// starting with a letter.
public enum WeChatID {
    /// Whether `text` is a WeChat ID.
    public static func isValid(_ text: String) -> Bool {
        let chars = Array(text.unicodeScalars)
        guard (6...20).contains(chars.count), let first = chars.first, first.isASCII,
            CharacterSet.letters.contains(first)
        else { return false }
        return chars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-") }
    }
}

/// An e-mail address, checked as far as a board needs: one `@`, a local part and a domain with a
/// dot, no spaces.
public enum EmailAddress {
    /// Whether `text` looks like an e-mail address.
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."),
            !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" || $0 == "," })
        else { return false }
        return true
    }
}
