import Foundation

/// Where the package's own files are, found from this source file's path, so that every test
/// target reads the shipped rule profiles, demos and calendars from one place.
public enum PackageRoot {
    /// `/…/Tests/CounselTestSupport/PackageRoot.swift` → the package root.
    public static let url: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // CounselTestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root

    /// `<package root>/Models`, the folder holding `rules/NAME.yaml`.
    public static let models: URL = url.appendingPathComponent("Models", isDirectory: true)

    /// `<package root>/Models/rules/NAME.yaml`, a shipped rule profile.
    public static func profile(_ name: String) -> URL {
        models.appendingPathComponent("rules").appendingPathComponent("\(name).yaml")
    }

    /// `<package root>/Data`, the demo scenarios.
    public static let data: URL = url.appendingPathComponent("Data", isDirectory: true)

    /// The demo scenario folder `Data/NAME`.
    public static func demo(_ name: String) -> URL { data.appendingPathComponent(name) }

    /// Every demo scenario under Data/ (a folder holding scenario.yaml), in name order.
    public static var demos: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: data.path)) ?? []
        return names.filter {
            FileManager.default.fileExists(
                atPath: data.appendingPathComponent($0).appendingPathComponent("scenario.yaml").path)
        }
        .sorted()
    }
}
