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
            return .failure(PhotoProblem.notRelative(path: path))
        }
        if path.contains("\0")
            || path.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == ".." })
        {
            return .failure(PhotoProblem.leavesFolder(path: path))
        }
        let ext = (path as NSString).pathExtension.lowercased()
        guard let mime = types[ext] else {
            return .failure(PhotoProblem.notAnImageName(path: path))
        }
        guard let folder = realPath(directory.path) else {
            return .failure(PhotoProblem.folderUnresolved)
        }
        let candidate = directory.appendingPathComponent(path).path
        guard let resolved = realPath(candidate) else {
            return .failure(PhotoProblem.noFile(path: path))
        }
        guard resolved.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") else {
            return .failure(PhotoProblem.linksOut(path: path, resolved: resolved))
        }
        var info = stat()
        guard stat(resolved, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            return .failure(PhotoProblem.notRegularFile(path: path))
        }
        guard info.st_size > 0 else { return .failure(PhotoProblem.empty(path: path)) }
        guard info.st_size <= maximumBytes else {
            return .failure(PhotoProblem.tooLarge(path: path, bytes: Int(info.st_size)))
        }
        guard let data = FileManager.default.contents(atPath: resolved), data.count <= maximumBytes else {
            return .failure(PhotoProblem.unreadable(path: path))
        }
        let isPNG = data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let isJPEG = data.starts(with: [0xFF, 0xD8, 0xFF])
        if mime == "image/png" && !isPNG || mime == "image/jpeg" && !isJPEG {
            let actually: PhotoProblem.Content = isPNG ? .png : isJPEG ? .jpeg : .neither
            return .failure(PhotoProblem.contentMismatch(path: path, extension: ext, actually: actually))
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

/// Why a photo cannot be used; each case names the path as `advisers.csv` gave it (the loader
/// locates the problem at that field).
public enum PhotoProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// What a photo's bytes turned out to be.
    public enum Content: Sendable, Equatable {
        case png, jpeg, neither
    }

    /// An absolute path, a home-folder path, a backslash or a drive letter.
    case notRelative(path: String)
    /// A `..` component or a NUL byte: the path would leave the scenario folder.
    case leavesFolder(path: String)
    /// Not a `.png`, `.jpg` or `.jpeg` name.
    case notAnImageName(path: String)
    /// The scenario folder's own path cannot be resolved.
    case folderUnresolved
    /// No file at the path.
    case noFile(path: String)
    /// A symbolic link that resolves outside the scenario folder, to `resolved`.
    case linksOut(path: String, resolved: String)
    /// Not a regular file (a folder, a device).
    case notRegularFile(path: String)
    /// An empty file.
    case empty(path: String)
    /// Larger than ``ScenarioPhoto/maximumBytes``: `bytes` long.
    case tooLarge(path: String, bytes: Int)
    /// The file cannot be read (or grew past the limit while read).
    case unreadable(path: String)
    /// The content does not agree with the extension `extension`.
    case contentMismatch(path: String, extension: String, actually: Content)

    /// What is wrong and what was expected, in the run's language.
    public var description: String {
        switch self {
        case .notRelative(let path): return tr("photo.relative", ["path": path])
        case .leavesFolder(let path): return tr("photo.leaves", ["path": path])
        case .notAnImageName(let path): return tr("photo.kind", ["path": path])
        case .folderUnresolved: return tr("photo.unresolved")
        case .noFile(let path): return tr("photo.noFile", ["path": path])
        case .linksOut(let path, let resolved): return tr("photo.linkOut", ["path": path, "resolved": resolved])
        case .notRegularFile(let path): return tr("photo.notRegular", ["path": path])
        case .empty(let path): return tr("photo.empty", ["path": path])
        case .tooLarge(let path, let bytes):
            return tr(
                "photo.tooLarge", ["path": path, "bytes": bytes, "max": ScenarioPhoto.maximumBytes / 1024 / 1024])
        case .unreadable(let path): return tr("photo.unreadable", ["path": path])
        case .contentMismatch(let path, let ext, let actually):
            let content = tr(actually == .png ? "photo.png" : actually == .jpeg ? "photo.jpeg" : "photo.neither")
            return tr("photo.mismatch", ["path": path, "ext": ext, "actually": content])
        }
    }
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
