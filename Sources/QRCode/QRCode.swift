import CQRencode
import Foundation

/// A QR Code symbol made by libqrencode (Debian's `libqrencode-dev`), the encoder the notice
/// boards and contact cards print the adviser's WeChat ID with (Guangdong 001 §(十): 微信号（含二维码）).
///
/// All of libqrencode is used here and nowhere else: ``init(encoding:level:)`` calls
/// `QRcode_encodeData` once, copies the modules out and frees the symbol before it returns, so
/// nothing of the C library outlives the call. The text is encoded byte for byte (8-bit mode, as
/// UTF-8), so what a reader scans is exactly the text given.
public struct QRCode: Sendable, Equatable {
    /// How much of the symbol may be damaged and still read (QR error-correction levels).
    public enum Level: Sendable {
        /// About 7 % of the codewords may be restored.
        case low
        /// About 15 % (the usual level for print).
        case medium
        /// About 25 %.
        case quartile
        /// About 30 %.
        case high

        var c: QRecLevel {
            switch self {
            case .low: return QR_ECLEVEL_L
            case .medium: return QR_ECLEVEL_M
            case .quartile: return QR_ECLEVEL_Q
            case .high: return QR_ECLEVEL_H
            }
        }
    }

    /// Why a text could not be encoded.
    public enum EncodingError: Error, Equatable, CustomStringConvertible {
        /// Nothing to encode.
        case empty
        /// More bytes than the largest symbol (version 40) holds at this level.
        case tooLong(bytes: Int)
        /// libqrencode refused the input for another reason (its `errno`).
        case failed(errno: Int32)

        public var description: String {
            switch self {
            case .empty: return "nothing to encode in a QR code"
            case .tooLong(let n): return "\(n) bytes do not fit in a QR code"
            case .failed(let e): return "libqrencode could not encode the text (\(String(cString: strerror(e))))"
            }
        }
    }

    /// The symbol's version (1–40): its size is `17 + 4 × version` modules a side.
    public let version: Int
    /// Modules per side.
    public let width: Int
    /// `width × width` modules, row by row from the top left: `true` is dark.
    public let modules: [Bool]

    /// Encodes `text` (as UTF-8 bytes, 8-bit mode) in the smallest symbol that holds it.
    ///
    /// - Throws: ``EncodingError`` for an empty text, one too long for any symbol, or any other
    ///   refusal of libqrencode.
    public init(encoding text: String, level: Level = .medium) throws {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw EncodingError.empty }
        errno = 0
        let symbol = bytes.withUnsafeBufferPointer { buffer in
            QRcode_encodeData(Int32(buffer.count), buffer.baseAddress, 0, level.c)
        }
        guard let symbol else {
            let e = errno
            throw e == ERANGE ? EncodingError.tooLong(bytes: bytes.count) : EncodingError.failed(errno: e)
        }
        defer { QRcode_free(symbol) }
        let width = Int(symbol.pointee.width)
        version = Int(symbol.pointee.version)
        self.width = width
        // Bit 0 of each byte is the module's colour; the other bits say how libqrencode placed it.
        let data = UnsafeBufferPointer(start: symbol.pointee.data, count: width * width)
        modules = data.map { $0 & 1 == 1 }
    }

    /// Whether the module at `row`, `column` (0-based from the top left) is dark.
    public func isDark(row: Int, column: Int) -> Bool { modules[row * width + column] }

    /// The symbol as an inline SVG element: one path of unit squares, dark on a white ground with
    /// the four-module quiet zone readers need, scaled by the page (`width` and `height` CSS
    /// lengths, e.g. `30mm`). Vector output prints sharply at any size.
    ///
    /// - Parameter label: the accessible name (`aria-label`), e.g. `微信号 lawyer_zhang`; escaped.
    public func svg(size: String, label: String) -> String {
        let quiet = 4, side = width + 2 * quiet
        var path = ""
        for row in 0..<width {
            var column = 0
            while column < width {
                guard isDark(row: row, column: column) else {
                    column += 1
                    continue
                }
                var run = 1
                while column + run < width && isDark(row: row, column: column + run) { run += 1 }
                path += "M\(column + quiet) \(row + quiet)h\(run)v1h-\(run)z"
                column += run
            }
        }
        return
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" width=\"\(size)\" height=\"\(size)\" "
            + "shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"\(Self.escape(label))\">"
            + "<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"
            + "<path fill=\"#000\" d=\"\(path)\"/></svg>"
    }

    /// Text made safe for an XML attribute.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
