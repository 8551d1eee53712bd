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

    /// Whether `data` is valid UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF),
    /// checked in place without a copy.
    static func isValidUTF8(_ data: Data) -> Bool {
        data.withUnsafeBytes { isValidUTF8($0) }
    }

    static func isValidUTF8(_ b: UnsafeRawBufferPointer) -> Bool { firstInvalidUTF8(b) == nil }

    /// The offset of the first byte where `b` stops being valid UTF-8, or `nil` when it is.
    static func firstInvalidUTF8(_ b: UnsafeRawBufferPointer) -> Int? {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 {
                i += 1
                continue
            }
            func cont(_ k: Int) -> Bool { i + k < n && b[i + k] & 0xC0 == 0x80 }
            switch c {
            case 0xC2...0xDF:
                guard cont(1) else { return i }
                i += 2
            case 0xE0...0xEF:
                guard cont(1), cont(2) else { return i }
                let c1 = b[i + 1]
                if c == 0xE0 && c1 < 0xA0 { return i }  // overlong
                if c == 0xED && c1 > 0x9F { return i }  // surrogate
                i += 3
            case 0xF0...0xF4:
                guard cont(1), cont(2), cont(3) else { return i }
                let c1 = b[i + 1]
                if c == 0xF0 && c1 < 0x90 { return i }  // overlong
                if c == 0xF4 && c1 > 0x8F { return i }  // above U+10FFFF
                i += 4
            default:
                return i
            }
        }
        return nil
    }

    /// Where to point a reader at when a file is neither UTF-8 nor GB18030: the place where the
    /// encoding that read further stops (a UTF-8 file with one damaged byte on line 201 is shown
    /// line 201, not the first Chinese character, where GB18030 gave up).
    static func refusal(_ bytes: UnsafeRawBufferPointer, gb18030Stop: Int) -> Failure {
        failure(in: bytes, at: max(gb18030Stop, firstInvalidUTF8(bytes) ?? 0))
    }

    /// The text and the encoding it was read in.
    static func decode(_ data: Data) -> Result<(String, TextEncoding), Failure> {
        if isValidUTF8(data) { return .success((String(decoding: data, as: UTF8.self), .utf8)) }
        return data.withUnsafeBytes { bytes in
            switch gb18030(bytes) {
            case .success(let utf8): return .success((String(decoding: utf8, as: UTF8.self), .gb18030))
            case .failure(let stop): return .failure(refusal(bytes, gb18030Stop: stop.value))
            }
        }
    }

    /// Where the byte at `offset` stands: its line, its place in the line, and the bytes there.
    static func failure(in bytes: UnsafeRawBufferPointer, at offset: Int) -> Failure {
        var line = 1, lineStart = 0
        for i in 0..<offset where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        return Failure(
            line: line, byteInLine: offset - lineStart + 1, bytes: Array(bytes[offset..<min(bytes.count, offset + 4)]))
    }

    /// The offset of the first byte that is not GB18030.
    struct Offset: Error { var value: Int }

    /// GB18030 bytes converted to UTF-8, or the offset where they stop being GB18030.
    static func gb18030(_ bytes: UnsafeRawBufferPointer) -> Result<[UInt8], Offset> {
        let cd = iconv_open("UTF-8", "GB18030")
        guard cd != iconv_t(bitPattern: -1) else { return .failure(Offset(value: 0)) }
        defer { iconv_close(cd) }
        // GB18030 → UTF-8 grows at most 3/2 (two bytes become three; four stay four).
        var output = [UInt8](repeating: 0, count: bytes.count + bytes.count / 2 + 16)
        let total = bytes.count
        var inLeft = total, outLeft = output.count
        let status: Int = output.withUnsafeMutableBytes { outBuf in
            var inPtr = UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: CChar.self))
            var outPtr = outBuf.baseAddress?.assumingMemoryBound(to: CChar.self)
            return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
        }
        // An illegal sequence (EILSEQ) or one cut off at the end of the file (EINVAL) stops it.
        if status == -1 || inLeft > 0 { return .failure(Offset(value: total - inLeft)) }
        output.removeLast(outLeft)
        return .success(output)
    }
}
