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

