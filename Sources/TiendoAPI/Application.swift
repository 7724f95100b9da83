// Builds the router with every route of SPEC §4 under /api/v1, plus
// /health and /ready.

import Dispatch
import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

public final class APIContext: Sendable {
    public let store: Store
    public let clock: APIClock
    public let tokens: TokenService
    let caches: ReadCaches
    /// Admission of computed answers (Fairness.swift).
    let computeGate = ComputeGate()
    /// Computed reads use the read model (migration 0006); false: the revision history, the
    /// full recomputation the read model is tested against.
    let readModel: Bool
    let options: ApplicationOptions
    let brake: AuthBrake

    /// - Parameter answerCacheBytes: memory for cached computed answers (0: none).
    public init(store: Store, clock: APIClock, answerCacheBytes: Int = ReadCaches.defaultAnswerBytes, readModel: Bool = true,
                options: ApplicationOptions = ApplicationOptions()) {
        self.store = store
        self.clock = clock
        self.readModel = readModel
        self.tokens = TokenService(store: store, clock: clock)
        self.caches = ReadCaches(answerBytes: answerCacheBytes)
        self.options = options
        self.brake = AuthBrake(settings: options.authBrake)
    }

    var now: Date { clock.now() }
    var today: CivilDate { clock.today }
    var nowText: String { Timestamp.format(clock.now()) }
}

public let apiBase = "/api/v1"

/// The whole application as a `Router` (an `HTTPResponder` for `HTTPServer`).
public func makeApplication(store: Store, clock: APIClock = .system,
                            offloadQueue: DispatchQueue = DispatchQueue(label: "tiendo.api", qos: .utility, attributes: .concurrent),
                            writeQueue: DispatchQueue = DispatchQueue(label: "tiendo.api.writes", qos: .userInitiated, attributes: .concurrent),
                            errorLog: @escaping @Sendable (String) -> Void = Router.logToStandardError,
                            answerCacheBytes: Int = ReadCaches.defaultAnswerBytes, readModel: Bool = true,
                            options: ApplicationOptions = ApplicationOptions()) -> Router {
    // Reads and writes on queues of their own, writes at the writer's QoS (Fairness.swift).
    let router = Router(offloadQueue: offloadQueue, writeQueue: writeQueue, errorLog: errorLog, errorMapper: problem(for:))
    let ctx = APIContext(store: store, clock: clock, answerCacheBytes: answerCacheBytes, readModel: readModel, options: options)
    registerReliabilityRoutes(router, ctx)

    // SPEC §4 lists them in the table whose base is /api/v1; the bare paths (what
    // probes and docs use) keep working.
    for prefix in ["", apiBase] {
        router.add(.get, "\(prefix)/health", execution: .inline) { _, _ in
            jsonResponse(200, .obj([("status", .string("ok"))]))
        }
        router.add(.get, "\(prefix)/ready") { _, _ in
            if store.ping() { return jsonResponse(200, .obj([("status", .string("ready"))])) }
            return Problem(status: 503, code: "database_unavailable", title: "Service unavailable",
                           detail: "The database does not answer.").response
        }
    }

    let b = apiBase
    func read(_ pattern: String, _ handler: @escaping APIContext.AuthenticatedHandler) { ctx.addRead(router, pattern, handler) }
    // Units
    router.add(.post, "\(b)/units", ctx.authenticated { try ctx.createUnit($0) })
    read("\(b)/units") { try ctx.listUnits($0) }
    read("\(b)/units/{id}") { try ctx.getUnit($0) }
    read("\(b)/units/{id}/scorecard") { try ctx.scorecard($0) }
    // Plans
    router.add(.post, "\(b)/plans", ctx.authenticated { try ctx.createPlan($0, $1) })
    addImportRoutes(router, ctx)
    read("\(b)/plans") { try ctx.listPlans($0) }
    read("\(b)/plans/{id}") { try ctx.getPlan($0) }
    router.add(.patch, "\(b)/plans/{id}", ctx.authenticated { try ctx.patchPlan($0, $1) })
    read("\(b)/plans/{id}/periods") { try ctx.listPeriods($0) }
    router.add(.put, "\(b)/plans/{id}/periods/{period}/lock", ctx.authenticated { try ctx.lockPeriod($0) })
    router.add(.delete, "\(b)/plans/{id}/periods/{period}/lock", ctx.authenticated { try ctx.unlockPeriod($0) })
    ctx.addComputedRoutes(router, base: b)
    // Tasks
    read("\(b)/tasks") { try ctx.listTasks($0) }
    router.add(.post, "\(b)/tasks/{id}/extensions", ctx.authenticated { try ctx.addExtension($0) })
    router.add(.post, "\(b)/deadlines/parse", ctx.authenticated { try ctx.parseDeadline($0) })
    // Reports
    router.add(.post, "\(b)/reports") { req, p, respond in ctx.guarded(respond) { try ctx.postReports(req, batch: false, respond) } }
    router.add(.post, "\(b)/reports/batch") { req, p, respond in ctx.guarded(respond) { try ctx.postReports(req, batch: true, respond) } }
    read("\(b)/reports") { try ctx.listReports($0) }
    read("\(b)/reports/{id}") { try ctx.getReport($0) }
    read("\(b)/reports/{id}/revisions") { try ctx.reportRevisions($0) }
    addPlanEditRoutes(router, ctx, base: b)
    ctx.addReviewRoutes(router)
    ctx.addExtensionRequestRoutes(router)
    ctx.addWebhookRoutes(router)
    addCycleRoutes(router, ctx)
    addPageRoutes(router, ctx)   // HTML pages for people (Pages/), outside /api/v1
    registerLanguageRoutes(router)
    return router
}

extension APIContext {
    /// Runs a callback-style handler; a thrown Problem (or any error) answers the request.
    func guarded(_ respond: @escaping @Sendable (HTTPResponse) -> Void, _ body: () throws -> Void) {
        do {
            try body()
        } catch {
            respond(failure(error))
        }
    }

    /// Maps a write's failure to a response (the same mapping as every other route's).
    func failure(_ error: Error) -> HTTPResponse {
        if let p = problem(for: error) { return p.response }
        Router.logToStandardError("{\"level\":\"error\",\"msg\":\"write failed\",\"error\":\(JSONText.quoted(String(describing: error)))}")
        return Problem.internalError().response
    }
}

/// The one mapping from a non-Problem error to a problem: a busy database and failing
/// storage (disk full, read-only, I/O) are 503 with `Retry-After`, whichever route met
/// them; anything else is nil (the caller logs it and answers 500).
func problem(for error: Error) -> Problem? {
    if let p = error as? Problem { return p }
    guard let e = error as? SQLiteError else { return nil }
    var p: Problem
    if e.isBusy {
        p = Problem(status: 503, code: "database_busy", title: "Service unavailable", detail: "The database is busy; retry.")
    } else if e.isStorageUnavailable {
        Router.logToStandardError("{\"level\":\"error\",\"msg\":\"storage unavailable\",\"error\":\(JSONText.quoted(String(describing: e)))}")
        p = Problem(status: 503, code: "database_unavailable", title: "Service unavailable",
                    detail: "The database cannot be written (disk full, read-only or failing storage); nothing was stored. Retry later.")
    } else {
        return nil
    }
    p.headers.set("Retry-After", "5")
    return p
}
