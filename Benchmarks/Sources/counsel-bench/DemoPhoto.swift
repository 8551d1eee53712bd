import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The demos' made-up adviser photos: a head-and-shoulders silhouette on a light ground, 120 × 160
/// pixels, a PNG written byte by byte (two palette colours at one bit a pixel, stored deflate
/// blocks: no library needed, 2.5 KB each), the colours and the figure's width varying with `variant`.
enum DemoPhoto {
    static func png(variant: Int) -> Data {
        let w = 120, h = 160
        let ground: [UInt8] = [UInt8(205 + (variant * 7) % 40), UInt8(215 + (variant * 5) % 30), 235]
        let figure: [UInt8] = [
            UInt8(60 + (variant * 13) % 50), UInt8(70 + (variant * 11) % 40), UInt8(90 + (variant * 3) % 30),
        ]
        let shoulders = 34.0 + Double(variant % 5) * 3
        var raw: [UInt8] = []
        raw.reserveCapacity((w / 8 + 1) * h)
        for y in 0..<h {
            raw.append(0)  // filter: none
            var byte: UInt8 = 0
            for x in 0..<w {
                let dx = Double(x) - 60, dy = Double(y) - 62
                let head = dx * dx / (26 * 26) + dy * dy / (32 * 32) <= 1
                let sy = Double(y) - 160, body = dx * dx / (shoulders * shoulders) + sy * sy / (58 * 58) <= 1 && y > 100
                byte = byte << 1 | (head || body ? 1 : 0)
                if x % 8 == 7 {
                    raw.append(byte)
                    byte = 0
                }
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        func be32(_ x: UInt32) -> [UInt8] {
            [UInt8(x >> 24), UInt8(x >> 16 & 0xFF), UInt8(x >> 8 & 0xFF), UInt8(x & 0xFF)]
        }
        func chunk(_ type: String, _ body: [UInt8]) {
            let typed = Array(type.utf8) + body
            var crc: UInt32 = 0xFFFF_FFFF
            for b in typed {
                crc ^= UInt32(b)
                for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
            }
            png += be32(UInt32(body.count)) + typed + be32(~crc)
        }
        var z: [UInt8] = [0x78, 0x01]
        var i = 0
        repeat {
            let n = min(65535, raw.count - i)
            z += [
                i + n == raw.count ? 1 : 0, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF),
            ]
            z += raw[i..<(i + n)]
            i += n
        } while i < raw.count
        var a: UInt32 = 1, b: UInt32 = 0
        for x in raw {
            a = (a + UInt32(x)) % 65521
            b = (b + a) % 65521
        }
        z += be32(b << 16 | a)
        chunk("IHDR", be32(UInt32(w)) + be32(UInt32(h)) + [1, 3, 0, 0, 0])  // 1 bit, palette
        chunk("PLTE", ground + figure)
        chunk("IDAT", z)
        chunk("IEND", [])
        return Data(png)
    }
}

/// Writes bytes through a temporary file and `rename(2)`, as ``writeAtomically(_:to:)`` does text.
func writeAtomically(_ data: Data, to url: URL) throws {
    let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
    do { try data.write(to: tmp) } catch {
        throw IOError(description: "cannot write \(tmp.path): \(error.localizedDescription)")
    }
    if rename(tmp.path, url.path) != 0 {
        let err = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: tmp)
        throw IOError(description: "cannot move \(tmp.path) to \(url.path): \(err)")
    }
}
