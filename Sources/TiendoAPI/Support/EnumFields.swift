// A body field whose value is one of a domain enum's cases, read straight into the enum.

import TiendoDomain

extension ObjectReader {
    /// The field as a case of `T` (422 `invalid_value` naming the cases otherwise), nil when absent.
    func oneOf<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type, required: Bool = false) -> T?
    where T.RawValue == String {
        oneOf(key, T.allCases.map(\.rawValue), required: required).flatMap(T.init(rawValue:))
    }
}
