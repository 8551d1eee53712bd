/// Output file names made from data (a village's id for its notice board, an adviser's for a
/// calendar): the one place where data becomes a file name.
///
/// The name never leaves its folder, whatever the id holds — defence in depth beside
/// ``Identifier``, which refuses such ids on input. It is the id itself when the id is plain
/// (ASCII letters and digits, `-`, `_`, `.` inside, CJK ideographs: `V00001`, `441422100`,
/// `武鸣-01`), so the documented names (`notices/VILLAGE_ID.html`) hold; anything else is
/// percent-encoded byte by byte in UTF-8 (`/` → `%2F`, NUL → `%00`, `％` → `%EF%BC%85`, `%` →
/// `%25`), which makes the encoding one-to-one: two ids never share a name (ids equal as Swift
/// strings, the same letters composed or decomposed, are one id and get one name, from NFC). In particular:
///
/// - no `/`, `\`, NUL or control character, and no look-alike of a separator or a dot (those
///   are encoded, so no system's conversion of the name can make a path of it);
/// - never `.`, `..` or a hidden name: a leading or trailing `.` is encoded;
/// - never a name Windows reserves for a device (`CON`, `NUL`, `COM1` …, whatever follows the
///   dot): its first letter is encoded;
/// - at most ``maximumBytes`` bytes of UTF-8 (file systems allow 255): a longer encoding is cut
///   and ends with `~` and a hash of the whole id;
/// - ``names(for:)`` gives a set of ids names that differ even where the file system ignores
///   case (macOS, Windows): ids that differ only by case (`V1`, `v1`) each get `~` and a hash of
///   the id. `~` is always encoded in the id part, so these suffixes can never clash with an id.
public enum OutputFileName {
    /// The longest name made, in bytes of UTF-8, before the extension is added.
    public static let maximumBytes = 200

    /// The file name (without extension) for `id`; see the type's documentation.
    public static func encode(_ id: String) -> String {
        if id.isEmpty { return "%" }  // no other id encodes to a lone '%'
        // Swift's strings are equal when canonically equivalent (é composed or decomposed), and
        // so are ids: encode the composed form, so that equal ids always get the same name.
        let scalars = Array(id.precomposedStringWithCanonicalMapping.unicodeScalars)
        var name = ""
        for (i, s) in scalars.enumerated() {
            let edge = i == 0 || i == scalars.count - 1
            if isPlain(s) && !(s == "." && edge) {
                name.unicodeScalars.append(s)
            } else {
                for byte in String(s).utf8 { name += "%" + hexByte(byte) }
            }
        }
        // CON, PRN, AUX, NUL, COM0–9, LPT0–9 name devices on Windows, with any extension.
        let stem =
            name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? name
        if reservedDeviceNames.contains(stem.uppercased()), let first = name.unicodeScalars.first {
            name = "%" + hexByte(UInt8(first.value)) + String(name.unicodeScalars.dropFirst())
        }
        if name.utf8.count > maximumBytes {
            name = truncated(name, bytes: maximumBytes - 17) + "~" + hash(id)
        }
        return name
    }

    /// `encode(id) + "." + ext`.
    public static func file(_ id: String, extension ext: String) -> String {
        encode(id) + "." + ext
    }

    /// The file names (without extension) for a set of ids, one-to-one even on a file system that
    /// ignores case: every id whose ``encode(_:)`` differs from another's only by case gets `~`
    /// and a hash of itself. The result does not depend on the order of `ids`.
    public static func names<S: Sequence>(for ids: S) -> [String: String] where S.Element == String {
        let unique = Set(ids)
        var byFold: [String: [String]] = [:]
        for id in unique { byFold[encode(id).lowercased(), default: []].append(id) }
        var result: [String: String] = [:]
        var taken = Set<String>()
        for group in byFold.values where group.count == 1 {
            let name = encode(group[0])
            result[group[0]] = name
            taken.insert(name.lowercased())
        }
        for key in byFold.keys.sorted() {
            let group = byFold[key]!
            guard group.count > 1 else { continue }
            for id in group.sorted() {
                let base = encode(id)
                var name = truncated(base, bytes: maximumBytes - 17) + "~" + hash(id)
                var n = 1
                while taken.contains(name.lowercased()) {  // a hash clash: vanishingly rare, still never a shared name
                    n += 1
                    name = truncated(base, bytes: maximumBytes - 21) + "~" + hash(id) + "-\(n)"
                }
                taken.insert(name.lowercased())
                result[id] = name
            }
        }
        return result
    }

    // MARK: Parts

    /// Characters kept as they are: ASCII letters, digits, `-`, `_`, `.`, and CJK ideographs (which
    /// have no case, no look-alike of a separator and no other normal form).
    static func isPlain(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F, 0x2E: return true
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0x20000...0x2A6DF, 0x2A700...0x2EBEF, 0x30000...0x3134F: return true
        default: return false
        }
    }

    static let reservedDeviceNames: Set<String> = Set(
        ["CON", "PRN", "AUX", "NUL"] + (0...9).flatMap { ["COM\($0)", "LPT\($0)"] })

    static func hexByte(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(b >> 4)], digits[Int(b & 0xF)]])
    }

    /// The first characters of `name` that fit in `bytes` bytes, never cutting a `%XX` escape.
    static func truncated(_ name: String, bytes: Int) -> String {
        var out = "", used = 0
        var scalars = name.unicodeScalars[...]
        while let s = scalars.first {
            let piece = s == "%" ? String(String.UnicodeScalarView(scalars.prefix(3))) : String(s)
            guard used + piece.utf8.count <= bytes else { break }
            out += piece
            used += piece.utf8.count
            scalars = scalars.dropFirst(piece.unicodeScalars.count)
        }
        return out
    }

    /// 16 hexadecimal digits of FNV-1a (64 bits) over the id's UTF-8: stable across runs and machines.
    public static func hash(_ id: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in id.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        let digits = String(h, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
