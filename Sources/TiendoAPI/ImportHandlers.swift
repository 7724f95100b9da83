// POST /plans/import: reads the body as a plan document (text/plain or text/html,
// UTF-8), drafts the plan with PlanImporter, and with commit=true stores it through
// createPlan — the same validation and write path as POST /plans.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoStore

extension APIContext {
    /// Largest document accepted (the server's own limit may be lower).
    static let importMaxBytes = 1_048_576

    func importPlan(_ context: RequestContext, _ respond: @escaping @Sendable (HTTPResponse) -> Void) throws {
        let (req, principal) = (context.request, context.principal)
        try requireManager(principal)
        let text = try importText(req)
        let issuer = try queryString(req, "issuer_id", maxLength: 64)
        let aggregator = try queryString(req, "aggregator_id", maxLength: 64)
        let commit: Bool
        switch try queryString(req, "commit", maxLength: 5)?.lowercased() {
        case nil, "false", "0": commit = false
        case "true", "1": commit = true
        default: throw Problem.invalidQuery("commit", "commit must be true or false.")
        }
        let result = try draftPlan(text, issuer: issuer, aggregator: aggregator)
        try answerImport(result, commit: commit, by: principal, respond)
    }

    /// Drafts the plan against the unit directory: 422 for unknown issuer/aggregator ids or no plan in the text.
    func draftPlan(_ text: String, issuer: String?, aggregator: String?) throws -> PlanImportResult {
        let units = try store.read { try unitDirectory($0) }
        var unknown: [Issue] = []
        for (field, id) in [("issuer_id", issuer), ("aggregator_id", aggregator)] {
            if let id, units.byID[id] == nil { unknown.append(Issue(field, "unit_not_found", "No unit \(id).")) }
        }
        if !unknown.isEmpty { throw Problem.validation(unknown) }
        let directory = units.records.map {
            DirectoryUnit(id: $0.id, name: $0.name, kind: $0.kind, parentId: $0.parentID)
        }
        switch PlanImporter.read(text: text, units: directory, issuerId: issuer, aggregatorId: aggregator) {
        case .success(let r): return r
        case .failure(let e): throw Problem(status: 422, code: e.code, title: "No plan in the text", detail: e.message)
        }
    }

    /// The answer to an import: 200 draft, 422 `import_unresolved`, or (commit) what POST /plans answers.
    func answerImport(_ result: PlanImportResult, commit: Bool, by principal: Principal,
                      _ respond: @escaping @Sendable (HTTPResponse) -> Void) throws {
        guard commit else {
            respond(jsonResponse(200, .obj([("draft", draftJSON(result.draft)), ("warnings", warningsJSON(result.warnings)),
                                            ("stats", statsJSON(result.stats))])))
            return
        }
        guard result.isComplete else {
            let blocking = result.warnings.filter(\.blocking)
            let problem = Problem(status: 422, code: "import_unresolved", title: "The draft is not complete",
                                  detail: "\(blocking.count) unit(s), deadline(s) or header field(s) could not be read; settle them (query issuer_id/aggregator_id, or edit the draft and POST it to /api/v1/plans).",
                                  errors: blocking.map { FieldError(field: "line \($0.line)", code: $0.code, message: $0.text.isEmpty ? $0.message : "«\($0.text)»: \($0.message)") })
            respond(withMembers(problem.response, [("warnings", warningsJSON(result.warnings)), ("stats", statsJSON(result.stats))]))
            return
        }
        try storePlan(HTTPRequest(method: .post, target: "\(apiBase)/plans", headers: HTTPHeaders([("Content-Type", "application/json")]),
                                  body: planBody(result.draft).serialized()), by: principal, respond)
    }

    /// The document's text: 415 unless text/plain or text/html (UTF-8), 413 past the bound,
    /// 400 `invalid_utf8` / `empty_body`.
    func importText(_ req: HTTPRequest) throws -> String {
        let ct = (req.headers["Content-Type"] ?? "text/plain").lowercased()
        let isHTML = ct.hasPrefix("text/html")
        guard isHTML || ct.hasPrefix("text/plain") else {
            throw Problem(status: 415, code: "unsupported_media_type", title: "Unsupported media type",
                          detail: "Send the document as text/plain; charset=utf-8 (or text/html).")
        }
        if let r = ct.range(of: "charset=") {
            let cs = ct[r.upperBound...].prefix { $0 != ";" && $0 != " " }.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            guard cs == "utf-8" || cs == "utf8" else {
                throw Problem(status: 415, code: "unsupported_charset", title: "Unsupported charset",
                              detail: "The document must be UTF-8 (got charset=\(cs)).")
            }
        }
        guard req.body.count <= Self.importMaxBytes else {
            throw Problem(status: 413, code: "payload_too_large", title: "Payload too large",
                          detail: "A plan document may be at most \(Self.importMaxBytes) bytes.")
        }
        guard !req.body.isEmpty else { throw Problem(status: 400, code: "empty_body", title: "Empty body", detail: "Send the plan document's text.") }
        guard var text = String(validating: req.body, as: UTF8.self) else {
            throw Problem(status: 400, code: "invalid_utf8", title: "Invalid UTF-8", detail: "The body is not valid UTF-8.")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return isHTML ? HTMLText.plainText(text) : text
    }

    /// A problem+json response with extra members appended to its object.
    func withMembers(_ r: HTTPResponse, _ members: [(String, JSON)]) -> HTTPResponse {
        var body = r.body
        guard body.last == UInt8(ascii: "}") else { return r }
        body.removeLast()
        for (k, v) in members {
            body.append(UInt8(ascii: ","))
            body += JSON.string(k).serialized()
            body.append(UInt8(ascii: ":"))
            body += v.serialized()
        }
        body.append(UInt8(ascii: "}"))
        return HTTPResponse(status: r.status, headers: r.headers, body: body)
    }
}

/// `tiendo import`: the same reading and commit path as POST /plans/import, in-process.
public enum PlanImportCommand {
    /// The HTTP status and JSON body the route would answer.
    /// The audit log's author of a plan stored from the command line (no token: whoever runs the shell).
    static let commandLine = Principal(tokenID: 0, role: .admin, unitID: nil, label: "tiendo import")

    public static func run(store: Store, clock: APIClock, text: String, issuerId: String?, aggregatorId: String?,
                           commit: Bool) -> (status: Int, body: String) {
        let ctx = APIContext(store: store, clock: clock, answerCacheBytes: 0)
        let box = ResponseBox()
        ctx.guarded({ box.set($0) }) {
            try ctx.answerImport(try ctx.draftPlan(text, issuer: issuerId, aggregator: aggregatorId), commit: commit,
                                 by: commandLine) { box.set($0) }
        }
        let r = box.wait()
        return (r.status.code, String(decoding: r.body, as: UTF8.self))
    }
}

/// Hands a callback's response to a waiting thread.
final class ResponseBox: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var response: HTTPResponse?
    func set(_ r: HTTPResponse) { response = r; done.signal() }
    func wait() -> HTTPResponse { done.wait(); return response! }
}
