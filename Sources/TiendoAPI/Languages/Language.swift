// The languages a person may read our answers in.

import TiendoHTTP

public enum Language: String, Sendable, CaseIterable {
    case en, vi

    /// What `Accept-Language` prefers; English when it names neither.
    public static func preferred(by request: HTTPRequest) -> Language {
        let choice = AcceptLanguage(request.headers["Accept-Language"])
            .preferred(among: Language.allCases.map(\.rawValue), fallback: Language.en.rawValue)
        return Language(rawValue: choice) ?? .en
    }
}
