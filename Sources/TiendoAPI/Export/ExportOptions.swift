// What a client asks of an export: the format (`?format=` or `Accept`), the
// language of the column headings (`lang=`), the CSV separator (`sep=`).

import Foundation
import TiendoHTTP

enum ExportFormat: String, Sendable {
    case json, csv, xlsx
}

struct ExportOptions: Sendable, Equatable {
    var format: ExportFormat
    /// Column headings (and yes/no cells) in this language.
    var language: Language = .en
    var separator: CSVSeparator = .comma

    static let json = ExportOptions(format: .json)
    static let csv = ExportOptions(format: .csv)

    /// A table (CSV or xlsx) rather than JSON.
    var isTable: Bool { format != .json }

    /// Distinguishes cached answers.
    var variant: String {
        switch format {
        case .json: return "json"
        case .csv: return "csv-\(language.rawValue)-\(separator == .comma ? "comma" : "semicolon")"
        case .xlsx: return "xlsx-\(language.rawValue)"
        }
    }

    /// `?format=json|csv|xlsx`, else an `Accept` that prefers text/csv or the xlsx type;
    /// `lang=en|vi`; `sep=,|;` (also `comma`, `semicolon`). Anything else is 400 `invalid_query`.
    init(_ req: HTTPRequest) throws {
        if let f = req.query["format"] {
            guard let format = ExportFormat(rawValue: f.lowercased()) else {
                throw Problem.invalidQuery("format", "format must be json, csv or xlsx.")
            }
            self.format = format
        } else {
            self.format = ExportOptions.negotiated(req.headers["Accept"])
        }
        if let l = req.query["lang"], !l.isEmpty {
            guard let lang = Language(rawValue: l.lowercased()) else { throw Problem.invalidQuery("lang", "lang must be en or vi.") }
            language = lang
        }
        if let s = req.query["sep"], !s.isEmpty {
            switch s.lowercased() {
            case ",", "comma": separator = .comma
            case ";", "semicolon": separator = .semicolon
            default: throw Problem.invalidQuery("sep", "sep must be , or ;.")
            }
        }
    }

    init(format: ExportFormat, language: Language = .en, separator: CSVSeparator = .comma) {
        self.format = format; self.language = language; self.separator = separator
    }

    /// JSON unless the Accept header names text/csv or the xlsx type before any JSON type.
    static func negotiated(_ accept: String?) -> ExportFormat {
        guard let accept = accept?.lowercased() else { return .json }
        if accept.hasPrefix("application/json") { return .json }
        let csv = accept.range(of: "text/csv")?.lowerBound
        let xlsx = accept.range(of: XLSXWriter.mediaType)?.lowerBound
        switch (csv, xlsx) {
        case let (c?, x?): return c < x ? .csv : .xlsx
        case (_?, nil): return .csv
        case (nil, _?): return .xlsx
        default: return .json
        }
    }
}
