import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The character encoding a text file was read in.
public enum TextEncoding: String, Sendable {
    /// UTF-8, with or without a byte order mark.
    case utf8 = "UTF-8"
    /// GB18030, the Chinese national standard that contains GBK and GB2312: what Excel and WPS on
    /// a Chinese Windows write when saving "CSV (逗号分隔)".
    case gb18030 = "GB18030"
}

/// Decodes the bytes of a text file: UTF-8 when they are valid UTF-8, else GB18030 through the
/// C library's iconv(3) (glibc's GB18030 converter: every Unicode character, including those of
/// village names that GBK lacks, such as 𬒔 and 䢺).
enum TextDecoding {
    /// Where decoding stopped.
    struct Failure: Error {
        /// 1-based line of the first byte that cannot be decoded.
        var line: Int
        /// 1-based byte within that line.
        var byteInLine: Int
        /// The byte there (and up to three after it), for the message.
        var bytes: [UInt8]
    }

    /// The text and the encoding it was read in.
    static func decode(_ data: Data) -> Result<(String, TextEncoding), Failure> {
        if let text = String(data: data, encoding: .utf8) { return .success((text, .utf8)) }
        let bytes = [UInt8](data)
        switch gb18030(bytes) {
        case .success(let text): return .success((text, .gb18030))
        case .failure(let stop):
            let offset = stop.value
            var line = 1, lineStart = 0
            for (i, b) in bytes[..<offset].enumerated() where b == 0x0A {
                line += 1
                lineStart = i + 1
            }
            return .failure(Failure(line: line, byteInLine: offset - lineStart + 1, bytes: Array(bytes[offset..<min(bytes.count, offset + 4)])))
        }
    }

    /// The offset of the first byte that is not GB18030.
    struct Offset: Error { var value: Int }

    /// GB18030 bytes as a String, or the offset where they stop being GB18030.
    static func gb18030(_ bytes: [UInt8]) -> Result<String, Offset> {
        let cd = iconv_open("UTF-8", "GB18030")
        guard cd != iconv_t(bitPattern: -1) else { return .failure(Offset(value: 0)) }
        defer { iconv_close(cd) }
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)  // GB18030 → UTF-8 grows at most 3/2
        var input = bytes
        let total = input.count
        var inLeft = total, outLeft = output.count
        let status: Int = input.withUnsafeMutableBytes { inBuf in
            output.withUnsafeMutableBytes { outBuf in
                var inPtr = inBuf.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outPtr = outBuf.baseAddress?.assumingMemoryBound(to: CChar.self)
                return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
            }
        }
        // An illegal sequence (EILSEQ) or one cut off at the end of the file (EINVAL) stops it.
        if status == -1 || inLeft > 0 { return .failure(Offset(value: total - inLeft)) }
        return .success(String(decoding: output[..<(output.count - outLeft)], as: UTF8.self))
    }
}
