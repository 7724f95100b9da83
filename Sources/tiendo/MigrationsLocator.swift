import Foundation

/// Finds the folder of numbered `.sql` migrations: the flag or `TIENDO_MIGRATIONS`,
/// else `./migrations` (running from the repository root), else a `migrations/`
/// beside the executable or in one of its parents (a release build run from elsewhere).
enum MigrationsLocator {
    static func find(_ arguments: Arguments) throws -> URL {
        let fileManager = FileManager.default
        func isFolder(_ url: URL) -> Bool {
            var isDirectory: ObjCBool = false
            return fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        if let given = arguments.value("migrations", env: "TIENDO_MIGRATIONS") {
            let url = URL(fileURLWithPath: given)
            guard isFolder(url) else { throw UsageError("migrations folder not found: \(given)") }
            return url
        }
        let local = URL(fileURLWithPath: fileManager.currentDirectoryPath).appendingPathComponent("migrations")
        if isFolder(local) { return local }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent("migrations")
            if isFolder(candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        throw UsageError("no migrations/ folder found: run from the repository root or pass --migrations DIR (TIENDO_MIGRATIONS)")
    }
}
