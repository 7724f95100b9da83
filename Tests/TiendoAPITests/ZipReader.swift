// Test-side reader of the ZIP files the xlsx writer produces, written from the
// APPNOTE independently of the writer: end of central directory → central
// directory → each local header, checking that both headers agree and that
// every entry's CRC-32 (computed bit by bit, not with the writer's table) is right.

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

struct ZipReaderError: Error, CustomStringConvertible { let description: String }

enum ZipReader {
    static func u16(_ b: [UInt8], _ o: Int) throws -> Int {
        guard o >= 0, o + 2 <= b.count else { throw ZipReaderError(description: "read past the end at \(o)") }
        return Int(b[o]) | Int(b[o + 1]) << 8
    }
    static func u32(_ b: [UInt8], _ o: Int) throws -> Int {
        guard o >= 0, o + 4 <= b.count else { throw ZipReaderError(description: "read past the end at \(o)") }
        return Int(b[o]) | Int(b[o + 1]) << 8 | Int(b[o + 2]) << 16 | Int(b[o + 3]) << 24
    }

    static func crc32(_ data: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in data {
            c ^= UInt32(byte)
            for _ in 0..<8 { c = (c & 1) == 1 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        }
        return ~c
    }

    /// name → data, in central-directory order; throws on any structural fault.
    static func entries(_ b: [UInt8]) throws -> [(name: String, data: [UInt8])] {
        guard b.count >= 22 else { throw ZipReaderError(description: "too short") }
        let eocd = b.count - 22   // we write no archive comment
        guard try u32(b, eocd) == 0x0605_4B50 else { throw ZipReaderError(description: "no end of central directory record") }
        let count = try u16(b, eocd + 10)
        guard try u16(b, eocd + 8) == count else { throw ZipReaderError(description: "entry counts differ") }
        let cdSize = try u32(b, eocd + 12), cdOffset = try u32(b, eocd + 16)
        guard cdOffset + cdSize == eocd else { throw ZipReaderError(description: "central directory not just before its end record") }
        var out: [(String, [UInt8])] = []
        var p = cdOffset
        var expectedLocal = 0
        for _ in 0..<count {
            guard try u32(b, p) == 0x0201_4B50 else { throw ZipReaderError(description: "bad central header at \(p)") }
            let method = try u16(b, p + 10), crc = try u32(b, p + 16)
            let csize = try u32(b, p + 20), usize = try u32(b, p + 24)
            let nlen = try u16(b, p + 28), xlen = try u16(b, p + 30), clen = try u16(b, p + 32)
            let local = try u32(b, p + 42)
            guard p + 46 + nlen <= b.count else { throw ZipReaderError(description: "name past the end") }
            let name = String(decoding: b[(p + 46)..<(p + 46 + nlen)], as: UTF8.self)
            guard method == 0, csize == usize else { throw ZipReaderError(description: "\(name) is not stored") }
            guard local == expectedLocal else { throw ZipReaderError(description: "\(name): local header at \(local), expected \(expectedLocal)") }
            // Local header agrees.
            guard try u32(b, local) == 0x0403_4B50 else { throw ZipReaderError(description: "\(name): bad local header") }
            guard try u16(b, local + 8) == 0, try u32(b, local + 14) == crc, try u32(b, local + 18) == csize,
                  try u32(b, local + 22) == usize else { throw ZipReaderError(description: "\(name): local and central headers differ") }
            let lnlen = try u16(b, local + 26), lxlen = try u16(b, local + 28)
            guard String(decoding: b[(local + 30)..<(local + 30 + lnlen)], as: UTF8.self) == name else {
                throw ZipReaderError(description: "\(name): local name differs")
            }
            let start = local + 30 + lnlen + lxlen
            guard start + csize <= cdOffset else { throw ZipReaderError(description: "\(name): data runs into the central directory") }
            let data = b[start..<(start + csize)]
            guard crc32(data) == UInt32(crc) else { throw ZipReaderError(description: "\(name): CRC-32 mismatch") }
            out.append((name, Array(data)))
            expectedLocal = start + csize
            p += 46 + nlen + xlen + clen
        }
        guard expectedLocal == cdOffset else { throw ZipReaderError(description: "bytes between the last entry and the central directory") }
        return out
    }

    /// Nil when `data` is well-formed XML, else the parser's complaint.
    static func xmlError(_ data: [UInt8]) -> String? {
        let parser = XMLParser(data: Data(data))
        return parser.parse() ? nil : (parser.parserError.map { "\($0)" } ?? "not well-formed")
    }
}
