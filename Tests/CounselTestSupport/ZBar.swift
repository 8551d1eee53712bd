import Foundation
import XCTest

/// Reads QR codes back with independent tools: `zbarimg` (Debian's zbar-tools, installed by
/// `make test-deps`) decodes PNG images, which come either from Chromium rendering a page with
/// the SVG (as a browser prints it) or from the symbol's modules drawn straight into a PNG.
///
/// Debian's ImageMagick policy lets zbarimg read only GIF, JPEG, PNG and WEBP, so an SVG is
/// rendered to PNG first.
public enum ZBar {
    /// The `zbarimg` executable, or a skip naming the package.
    public static func tool() throws -> URL {
        for path in ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"]
        where FileManager.default.isExecutableFile(atPath: path) {
            return URL(fileURLWithPath: path)
        }
        throw XCTSkip(
            "zbarimg (Debian zbar-tools) is not installed (`make test-deps` installs it); the QR decoding check is skipped"
        )
    }

    /// `chromium` or `chromium-browser` on PATH, or a skip.
    public static func chromium() throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        throw XCTSkip(
            "Chromium is not installed (`make test-deps` installs it); rendering the SVG to check it decodes is skipped"
        )
    }

    /// The texts of every QR symbol zbarimg finds in a PNG image, sorted.
    public static func decode(png: Data) throws -> [String] {
        let tool = try tool()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zbar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = folder.appendingPathComponent("code.png"), output = folder.appendingPathComponent("out")
        try png.write(to: image)
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = tool
        // --raw: the data alone; one symbol's text per line (\n inside a text would split it).
        process.arguments = ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", image.path]
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return String(decoding: try Data(contentsOf: output), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: true).map(String.init).sorted()
    }

    /// Renders `html` in headless Chromium to a PNG screenshot of `width` × `height` pixels.
    public static func render(html: String, width: Int, height: Int) throws -> Data {
        let browser = try chromium()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("page.html"), png = folder.appendingPathComponent("page.png")
        try Data(html.utf8).write(to: page)
        let process = Process()
        process.executableURL = browser
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=\(width),\(height)",
            "--user-data-dir=\(folder.appendingPathComponent("profile").path)", "--screenshot=\(png.path)",
            page.absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        guard let data = try? Data(contentsOf: png) else {
            throw XCTSkip("Chromium made no screenshot of the page; rendering check skipped")
        }
        return data
    }

    /// A grayscale PNG of `modules` (`width` a side, dark `true`), `scale` pixels a module, with a
    /// four-module white border: the symbol as libqrencode made it, without the SVG.
    public static func png(modules: [Bool], width: Int, scale: Int = 8) -> Data {
        let side = (width + 8) * scale
        var raw: [UInt8] = []
        raw.reserveCapacity(side * (side + 1))
        for y in 0..<side {
            raw.append(0)  // filter: none
            for x in 0..<side {
                let r = y / scale - 4, c = x / scale - 4
                let dark = r >= 0 && c >= 0 && r < width && c < width && modules[r * width + c]
                raw.append(dark ? 0 : 255)
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        func chunk(_ type: String, _ body: [UInt8]) {
            let typed = Array(type.utf8) + body
            png += be32(UInt32(body.count)) + typed + be32(crc32(typed))
        }
        chunk("IHDR", be32(UInt32(side)) + be32(UInt32(side)) + [8, 0, 0, 0, 0])
        chunk("IDAT", zlibStored(raw))
        chunk("IEND", [])
        return Data(png)
    }

    private static func be32(_ x: UInt32) -> [UInt8] {
        [UInt8(x >> 24), UInt8(x >> 16 & 0xFF), UInt8(x >> 8 & 0xFF), UInt8(x & 0xFF)]
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// A zlib stream of stored (uncompressed) deflate blocks.
    private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var i = 0
        repeat {
            let n = min(65535, data.count - i)
            let last: UInt8 = i + n == data.count ? 1 : 0
            out += [last, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += data[i..<(i + n)]
            i += n
        } while i < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for x in data {
            a = (a + UInt32(x)) % 65521
            b = (b + a) % 65521
        }
        return out + be32(b << 16 | a)
    }
}
