// libFuzzer target for XLSXWriter (and ZipArchive, CRC32): any table in → a
// structurally valid workbook out. Built by scripts/fuzz-i18n with
// SheetFuzz/SheetInput.swift and the writer sources. Checked on every input:
//  - the ZIP reads back: end record, central directory and local headers agree,
//    entries are stored, sizes fit, and every CRC-32 (recomputed bit by bit
//    here, not with the writer's table) matches;
//  - the six parts are there and each is well-formed XML (Foundation's XMLParser);
//  - the sheet has one <row> per table row plus the header, no formula (<f>),
//    and each inline string reads back as the cell's text (after Excel's _xHHHH_
//    decoding, minus the characters XML cannot carry, cut at 32,767 UTF-16 units).

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

func le(_ b: [UInt8], _ o: Int, _ n: Int) -> Int? {
    guard o >= 0, o + n <= b.count else { return nil }
    var v = 0
    for k in 0..<n { v |= Int(b[o + k]) << (8 * k) }
    return v
}

func bitwiseCRC(_ data: ArraySlice<UInt8>) -> Int {
    var c: UInt32 = 0xFFFF_FFFF
    for byte in data {
        c ^= UInt32(byte)
        for _ in 0..<8 { c = (c & 1) == 1 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
    }
    return Int(~c)
}

struct Broken: Error { let why: String }

/// The archive's entries, or a reason it is broken.
func unzip(_ b: [UInt8]) -> Result<[String: [UInt8]], Broken> {
    let eocd = b.count - 22
    guard eocd >= 0, le(b, eocd, 4) == 0x0605_4B50, let count = le(b, eocd + 10, 2), le(b, eocd + 8, 2) == count,
          let cdSize = le(b, eocd + 12, 4), let cdOffset = le(b, eocd + 16, 4), cdOffset + cdSize == eocd else {
        return .failure(Broken(why: "end of central directory"))
    }
    var out: [String: [UInt8]] = [:]
    var p = cdOffset, next = 0
    for _ in 0..<count {
        guard le(b, p, 4) == 0x0201_4B50, le(b, p + 10, 2) == 0, let crc = le(b, p + 16, 4), let size = le(b, p + 20, 4),
              le(b, p + 24, 4) == size, let nlen = le(b, p + 28, 2), let local = le(b, p + 42, 4), local == next,
              p + 46 + nlen <= eocd else { return .failure(Broken(why: "central header at \(p)")) }
        let name = String(decoding: b[(p + 46)..<(p + 46 + nlen)], as: UTF8.self)
        guard le(b, local, 4) == 0x0403_4B50, le(b, local + 14, 4) == crc, le(b, local + 18, 4) == size,
              le(b, local + 22, 4) == size, le(b, local + 26, 2) == nlen, let lx = le(b, local + 28, 2) else {
            return .failure(Broken(why: "local header of \(name)"))
        }
        let start = local + 30 + nlen + lx
        guard start + size <= cdOffset else { return .failure(Broken(why: "\(name) overruns")) }
        guard bitwiseCRC(b[start..<(start + size)]) == crc else { return .failure(Broken(why: "CRC of \(name)")) }
        guard out.updateValue(Array(b[start..<(start + size)]), forKey: name) == nil else { return .failure(Broken(why: "\(name) twice")) }
        next = start + size
        p += 46 + nlen
    }
    guard next == cdOffset else { return .failure(Broken(why: "gap before the central directory")) }
    return .success(out)
}

/// Collects rows and the text of each inline string, in order.
final class SheetReader: NSObject, XMLParserDelegate {
    var rows = 0
    var formulas = 0
    var texts: [String] = []
    var inText = false
    var current = ""
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "row" { rows += 1 }
        if name == "f" { formulas += 1 }
        if name == "t" { inText = true; current = "" }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "t" { inText = false; texts.append(current) }
    }
}

/// Excel's reading of `_xHHHH_` escapes.
func excelDecoded(_ s: String) -> String {
    let u = Array(s.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    while i < u.count {
        if u[i] == "_", i + 6 < u.count, u[i + 1] == "x", u[i + 6] == "_",
           u[(i + 2)...(i + 5)].allSatisfy({ $0.properties.isASCIIHexDigit }),
           let v = UInt32(String(String.UnicodeScalarView(u[(i + 2)...(i + 5)])), radix: 16), let scalar = Unicode.Scalar(v) {
            out.append(scalar); i += 7
        } else {
            out.append(u[i]); i += 1
        }
    }
    return String(out)
}

/// What a text cell should read back as.
func expectedText(_ s: String) -> String {
    String(String.UnicodeScalarView(XLSXWriter.limited(s).unicodeScalars.filter(XLSXWriter.isXMLChar)))
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let input = SheetInput(UnsafeBufferPointer(start: data, count: size)) else { return 0 }
    let sheetName = input.table.header.first ?? ""
    let bytes: [UInt8]
    do { bytes = try XLSXWriter.render(input.table, sheetName: sheetName) } catch {
        check(false, "render failed: \(error)"); return 0
    }
    let entries: [String: [UInt8]]
    switch unzip(bytes) {
    case .success(let e): entries = e
    case .failure(let b): check(false, "broken zip: \(b.why)"); return 0
    }
    let parts = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                 "xl/worksheets/sheet1.xml"]
    check(Set(entries.keys) == Set(parts), "parts \(entries.keys.sorted())")
    for name in parts where name != "xl/worksheets/sheet1.xml" {
        let p = XMLParser(data: Data(entries[name]!))
        check(p.parse(), "\(name) is not well-formed: \(String(describing: p.parserError))")
    }
    let reader = SheetReader()
    let p = XMLParser(data: Data(entries["xl/worksheets/sheet1.xml"]!))
    p.delegate = reader
    check(p.parse(), "the sheet is not well-formed: \(String(describing: p.parserError))")
    check(reader.rows == input.table.rows.count + 1, "\(reader.rows) rows for \(input.table.rows.count) + header")
    check(reader.formulas == 0, "a formula in the sheet")
    // Inline strings in order: the header, then each text cell (impossible dates become text too).
    var expected = input.table.header.map(expectedText)
    for row in input.table.rows {
        for cell in row {
            switch cell {
            case .text(let s): expected.append(expectedText(s))
            case .date(let y, let m, let d) where XLSXWriter.serial(y, m, d) == nil: expected.append(DateText.iso(y, m, d))
            default: break
            }
        }
    }
    // Texts left empty (nothing XML can carry) are compared out on both sides.
    let got = reader.texts.map(excelDecoded).filter { !$0.isEmpty }
    let want = expected.filter { !$0.isEmpty }
    check(got == want, "texts differ: \(got.prefix(5)) vs \(want.prefix(5))")
    return 0
}
