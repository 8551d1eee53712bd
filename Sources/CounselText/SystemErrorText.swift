import Foundation

/// Foundation's and the system's file errors (a file that does not exist, one that may not be
/// read or written, a full disk) said in the run's language.
///
/// Foundation words its errors in English only ("The operation could not be completed. The file
/// doesn't exist."). In English the text is left exactly as the caller printed it before; in
/// Chinese the common causes are said from the catalogue and any other by its domain and code.
public enum SystemErrorText {
    /// `error` in the run's language; `english` is what English runs print (unchanged), and what
    /// any run prints for an error that is not Foundation's or the system's (the tool's own errors
    /// are in the run's language already).
    public static func text(_ error: Error, english: @autoclosure () -> String) -> String {
        let e = error as NSError
        guard Language.current != .en, [NSCocoaErrorDomain, NSPOSIXErrorDomain].contains(e.domain) else {
            return english()
        }
        return tr(key(error) ?? "system.other", ["domain": e.domain, "code": e.code])
    }

    /// The catalogue key of a common cause, or `nil`.
    static func key(_ error: Error) -> String? {
        let e = error as NSError
        if e.domain == NSCocoaErrorDomain {
            switch e.code {
            case 4, 260: return "system.noSuchFile"  // NSFileNoSuchFileError, NSFileReadNoSuchFileError
            case 257, 513: return "system.permission"  // NSFileReadNoPermissionError, NSFileWriteNoPermissionError
            case 261, 517: return "system.encoding"  // inapplicable string encoding (read, write)
            case 640: return "system.diskFull"  // NSFileWriteOutOfSpaceError
            case 642: return "system.readOnly"  // NSFileWriteVolumeReadOnlyError
            default: break
            }
        }
        let posix =
            e.domain == NSPOSIXErrorDomain
            ? e : (e.userInfo[NSUnderlyingErrorKey] as? NSError).flatMap { $0.domain == NSPOSIXErrorDomain ? $0 : nil }
        switch posix.map({ Int32($0.code) }) {
        case ENOENT: return "system.noSuchFile"
        case EACCES, EPERM: return "system.permission"
        case EISDIR: return "system.isFolder"
        case ENOTDIR: return "system.notFolder"
        case ENOSPC: return "system.diskFull"
        case EROFS: return "system.readOnly"
        default: return nil
        }
    }
}
