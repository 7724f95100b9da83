// Keeps docs/openapi.yaml true to the router: the set of (method, path) pairs
// the application registers must equal the set the OpenAPI document describes,
// in both directions. Paths are compared exactly as the router writes them
// (`/api/v1/plans/{id}/periods/{period}/lock`), so a renamed parameter counts
// as a difference too.
//
// The YAML is read with a small line-based reader (no YAML package): under the
// top-level `paths:` key, the first indentation level holds the paths and the
// next one their operations.

import Foundation
import XCTest
import TiendoAPI
import TiendoStore

final class OpenAPIConsistencyTests: XCTestCase {
    struct Operation: Hashable, Comparable, CustomStringConvertible {
        var method: String
        var path: String
        var description: String { "\(method) \(path)" }
        static func < (a: Operation, b: Operation) -> Bool { (a.path, a.method) < (b.path, b.method) }
    }

    /// The repository root: this file is `<root>/Tests/TiendoAPITests/OpenAPIConsistencyTests.swift`.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let httpMethods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// (method, path) pairs under `paths:` of an OpenAPI YAML document.
    static func documentedOperations(yaml: String) -> (operations: Set<Operation>, problems: [String]) {
        var operations = Set<Operation>()
        var problems: [String] = []
        var inPaths = false
        var pathIndent: Int?
        var methodIndent: Int?
        var currentPath: String?

        for (number, raw) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = String(raw)
            if line.hasSuffix("\r") { line.removeLast() }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let indent = line.prefix(while: { $0 == " " }).count
            if line.first == "\t" {
                problems.append("line \(number + 1): tab indentation")
                continue
            }

            if indent == 0 {
                // A top-level key starts or ends the paths block.
                inPaths = trimmed == "paths:"
                currentPath = nil
                continue
            }
            guard inPaths else { continue }

            if pathIndent == nil { pathIndent = indent }
            guard let pIndent = pathIndent else { continue }

            if indent == pIndent {
                guard let key = mappingKey(trimmed), key.hasPrefix("/") else {
                    problems.append("line \(number + 1): expected a path key under paths:, got \(trimmed)")
                    currentPath = nil
                    continue
                }
                currentPath = key
                methodIndent = nil
            } else if indent > pIndent, let path = currentPath {
                if methodIndent == nil { methodIndent = indent }
                guard indent == methodIndent, let key = mappingKey(trimmed) else { continue }
                if httpMethods.contains(key) {
                    operations.insert(Operation(method: key.uppercased(), path: path))
                }
            } else if indent < pIndent {
                problems.append("line \(number + 1): unexpected indentation inside paths:")
            }
        }
        if pathIndent == nil { problems.append("no paths: block found") }
        return (operations, problems)
    }

    /// `key:` or `key: value` → key (quotes removed); nil when the line is not a mapping entry.
    static func mappingKey(_ trimmed: String) -> String? {
        if trimmed.hasPrefix("- ") { return nil }
        var key: String
        if let q = trimmed.first, q == "'" || q == "\"" {
            let rest = trimmed.dropFirst()
            guard let end = rest.firstIndex(of: q) else { return nil }
            key = String(rest[..<end])
            guard rest[rest.index(after: end)...].hasPrefix(":") else { return nil }
        } else {
            guard let colon = trimmed.range(of: ":") else { return nil }
            let after = trimmed[colon.upperBound...]
            guard after.isEmpty || after.hasPrefix(" ") else { return nil }
            key = String(trimmed[..<colon.lowerBound])
        }
        key = key.trimmingCharacters(in: .whitespaces)
        return key.isEmpty ? nil : key
    }

    /// (method, pattern) pairs the application's router registers, built the way `tiendo serve` builds it.
    static func routedOperations() throws -> Set<Operation> {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("tiendo-openapi-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(path: dir.appendingPathComponent("tiendo.sqlite").path,
                              migrations: repositoryRoot.appendingPathComponent("migrations"), readers: 1, durability: .normal)
        defer { store.close() }
        let router = makeApplication(store: store)
        // The HTML pages (Pages/) are for people, not part of the API the document describes.
        return Set(router.routes.filter { !PageRoutes.isPage($0.pattern) }
            .map { Operation(method: $0.method.rawValue.uppercased(), path: $0.pattern) })
    }

    /// Every routed operation is documented and every documented operation is routed.
    func testRoutesMatchDocument() throws {
        let url = Self.repositoryRoot.appendingPathComponent("docs/openapi.yaml")
        let yaml = try String(contentsOf: url, encoding: .utf8)
        let (documented, problems) = Self.documentedOperations(yaml: yaml)
        XCTAssert(problems.isEmpty, "docs/openapi.yaml could not be read cleanly: \(problems.joined(separator: "; "))")
        XCTAssertFalse(documented.isEmpty, "no operations found in docs/openapi.yaml")

        let routed = try Self.routedOperations()
        XCTAssertFalse(routed.isEmpty, "the router has no routes")

        let undocumented = routed.subtracting(documented).sorted()
        let unrouted = documented.subtracting(routed).sorted()
        XCTAssert(undocumented.isEmpty,
                "routed but missing from docs/openapi.yaml: \(undocumented.map(\.description).joined(separator: ", "))")
        XCTAssert(unrouted.isEmpty,
                "in docs/openapi.yaml but not routed: \(unrouted.map(\.description).joined(separator: ", "))")
    }

    // MARK: error codes

    /// The values listed under `components.schemas.ErrorCode.enum` (lines `- code  # comment`).
    static func documentedErrorCodes(yaml: String) -> Set<String> {
        var codes = Set<String>()
        var inBlock = false
        var blockIndent = 0
        for raw in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let indent = line.prefix(while: { $0 == " " }).count
            if !inBlock {
                if trimmed == "ErrorCode:" { inBlock = true; blockIndent = indent }
                continue
            }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if indent <= blockIndent { break }
            guard trimmed.hasPrefix("- ") else { continue }
            let value = trimmed.dropFirst(2).split(separator: "#", maxSplits: 1)[0].trimmingCharacters(in: .whitespaces)
            if !value.isEmpty { codes.insert(value) }
        }
        return codes
    }

    /// Every Swift source under `Sources/`, concatenated.
    static func sourceText() throws -> String {
        let root = repositoryRoot.appendingPathComponent("Sources")
        var text = ""
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return text }
        for case let url as URL in walker where url.pathExtension == "swift" {
            text += try String(contentsOf: url, encoding: .utf8) + "\n"
        }
        return text
    }

    /// Error codes the sources emit, found by the shapes that emit them: `code: "…"`
    /// (Problem, FieldError, RuleViolation, parse errors), `.forbidden("…"` / `.conflict("…"`,
    /// `Issue(field, "…", …)`, `list.add(field, "…", …)`, the validator's `add("…", field, …)`.
    static func emittedErrorCodes(in source: String) throws -> Set<String> {
        let patterns = [
            #"code: "([a-z][a-z0-9_]*)""#,
            #"\.(?:forbidden|conflict)\("([a-z][a-z0-9_]*)""#,
            #"Issue\([^\n]*?, "([a-z][a-z0-9_]*)", "#,
            #"\.add\([^\n]*?, "([a-z][a-z0-9_]*)", ""#,
            #"(?<![\w.])add\("([a-z][a-z0-9_]*)", ""#,
            #"var code: String \{ "([a-z][a-z0-9_]*)" \}"#,
        ]
        var codes = Set<String>()
        let ns = source as NSString
        for p in patterns {
            let re = try NSRegularExpression(pattern: p)
            for m in re.matches(in: source, range: NSRange(location: 0, length: ns.length)) {
                codes.insert(ns.substring(with: m.range(at: 1)))
            }
        }
        return codes
    }

    /// Every error code the sources emit is documented, and every documented code still exists in the sources.
    func testErrorCodesMatchDocument() throws {
        let yaml = try String(contentsOf: Self.repositoryRoot.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        let documented = Self.documentedErrorCodes(yaml: yaml)
        XCTAssertGreaterThan(documented.count, 20, "components.schemas.ErrorCode.enum not found or nearly empty")
        let source = try Self.sourceText()
        let emitted = try Self.emittedErrorCodes(in: source)
        XCTAssertGreaterThan(emitted.count, 20, "no error codes found under Sources/ — has the way codes are written changed?")

        let undocumented = emitted.subtracting(documented).sorted()
        XCTAssert(undocumented.isEmpty, "emitted by Sources/ but missing from ErrorCode in docs/openapi.yaml: \(undocumented.joined(separator: ", "))")
        let stale = documented.filter { !source.contains("\"\($0)\"") }.sorted()
        XCTAssert(stale.isEmpty, "in ErrorCode of docs/openapi.yaml but no longer in Sources/: \(stale.joined(separator: ", "))")
    }

    /// The line reader understands the shapes the document uses.
    func testLineReader() {
        let yaml = """
        openapi: 3.1.0
        paths:
          /health:
            get:
              responses:
                '200':
                  description: ok
          '/api/v1/plans/{id}':
            parameters:
              - name: id
                in: path
            get:
              summary: "one plan: with tasks"
            patch: { summary: change }
        components:
          schemas:
            get:
              type: object
        """
        let (ops, problems) = Self.documentedOperations(yaml: yaml)
        XCTAssert(problems.isEmpty, problems.joined(separator: "; "))
        XCTAssertEqual(ops, [Operation(method: "GET", path: "/health"),
                             Operation(method: "GET", path: "/api/v1/plans/{id}"),
                             Operation(method: "PATCH", path: "/api/v1/plans/{id}")])
    }
}
