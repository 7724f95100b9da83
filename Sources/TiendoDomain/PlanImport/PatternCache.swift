import Foundation

/// Compiled patterns of the plan reader, built once per process: compiling a `Regex`
/// costs far more than matching one line, and the reader matches the same few
/// patterns against every line. The lock guards the dictionary only; a compiled
/// `Regex` shares an immutable program, so copies are matched outside the lock.
final class PatternCache: @unchecked Sendable {
    static let shared = PatternCache()
    private let lock = NSLock()
    private var compiled: [String: Regex<AnyRegexOutput>] = [:]

    func regex(_ pattern: String) -> Regex<AnyRegexOutput> {
        lock.lock(); defer { lock.unlock() }
        if let r = compiled[pattern] { return r }
        let r = try! Regex(pattern)
        compiled[pattern] = r
        return r
    }
}

/// The reader's patterns are literals of this module: a malformed one is a programming error.
func pattern(_ s: String) -> Regex<AnyRegexOutput> { PatternCache.shared.regex(s) }
