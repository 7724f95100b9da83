import Foundation
import XCTest
@testable import TiendoSQLite

/// A fresh temporary directory removed at the end of the test.
func makeTempDir(_ test: XCTestCase, file: StaticString = #filePath, line: UInt = #line) -> URL {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("tiendo-sqlite-\(UUID().uuidString)", isDirectory: true)
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
    return dir
}

/// Thread-safe collector for test callbacks.
final class Locked<T>: @unchecked Sendable {  // every access goes through `lock`
    private let lock = NSLock()
    private var value: T
    init(_ value: T) { self.value = value }
    func with<R>(_ body: (inout T) -> R) -> R { lock.lock(); defer { lock.unlock() }; return body(&value) }
    var get: T { with { $0 } }
}
