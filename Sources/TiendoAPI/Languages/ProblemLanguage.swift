// Problems in the language the client reads: every problem answer passes
// through here on its way out (Router.renderProblems).

import TiendoHTTP

enum ProblemLanguage {
    /// `response` (which renders `problem`) in the request's preferred language. Status and
    /// headers are kept; `Content-Language` says which language the text is in.
    static func render(_ request: HTTPRequest, _ response: HTTPResponse, _ problem: Problem) -> HTTPResponse {
        let lang = Language.preferred(by: request)
        var out = response
        if lang != .en { out.body = ProblemCatalogue.localize(problem, to: lang).response.body }
        out.headers.set("Content-Language", lang.rawValue)
        out.headers.set("Vary", "Accept-Language")
        return out
    }
}
