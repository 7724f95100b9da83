// Dates as JSON values: a string, or null when absent.

import TiendoDomain

extension Optional where Wrapped == CivilDate {
    var json: JSON { self.map { .string($0.description) } ?? .null }
}

extension CivilDate {
    var json: JSON { .string(description) }
}
