import Foundation

/// The command line, split into a subcommand path, `--name value` options and `--flag`s.
/// Every option can also come from the environment (`--db` ⇐ `TIENDO_DB`); the flag wins.
struct Arguments {
    var words: [String] = []
    private var options: [String: String] = [:]
    private var flags: Set<String> = []
    let environment: [String: String]

    /// Options that never take a value.
    static let knownFlags: Set<String> = ["demo", "help", "no-group-commit", "commit", "json", "force"]
    /// Options that take one. Anything else is a usage error: a misspelt `--prot 8095`
    /// must not quietly serve on the default port, nor `--dbb` back up the default file.
    static let knownOptions: Set<String> = ["host", "port", "db", "migrations", "to", "unit", "role", "label",
                                            "writers", "rows", "dataset", "seed", "pairs", "issuer", "aggregator"]

    init(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.environment = environment
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            guard word.hasPrefix("--") else { words.append(word); continue }
            let name = String(word.dropFirst(2))
            if let equals = name.firstIndex(of: "=") {
                let key = String(name[..<equals])
                guard Self.knownOptions.contains(key) else { throw UsageError("unknown option --\(key)") }
                options[key] = String(name[name.index(after: equals)...])
                continue
            }
            if Self.knownFlags.contains(name) { flags.insert(name); continue }
            guard Self.knownOptions.contains(name) else { throw UsageError("unknown option --\(name)") }
            guard index < arguments.count else { throw UsageError("--\(name) needs a value") }
            options[name] = arguments[index]
            index += 1
        }
    }

    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// `--name`, else the environment variable, else the default.
    func value(_ name: String, env: String? = nil, default fallback: String? = nil) -> String? {
        if let value = options[name] { return value }
        if let env, let value = environment[env], !value.isEmpty { return value }
        return fallback
    }

    func required(_ name: String, env: String? = nil) throws -> String {
        guard let value = value(name, env: env) else { throw UsageError("--\(name) is required") }
        return value
    }

    func integer(_ name: String, env: String? = nil) throws -> Int? {
        guard let text = value(name, env: env) else { return nil }
        guard let number = Int(text) else { throw UsageError("--\(name) must be a whole number, got \(text)") }
        return number
    }
}

struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
