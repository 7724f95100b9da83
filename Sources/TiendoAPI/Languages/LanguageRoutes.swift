// The routes and hooks of "Vietnamese everywhere a person reads": problem
// pages, and problems answered in the client's language.

import TiendoHTTP

func registerLanguageRoutes(_ router: Router) {
    router.add(.get, "/problems", execution: .inline) { _, _ in try ProblemPages.respond(nil) }
    router.add(.get, "/problems/{code}", execution: .inline) { _, p in try ProblemPages.respond(p["code"] ?? "") }
    router.renderProblems(ProblemLanguage.render)
}
