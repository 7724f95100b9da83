// libFuzzer target for CSVWriter: any table in → a CSV that reads back as the
// same table. Built by scripts/fuzz-i18n with SheetFuzz/SheetInput.swift and the
// writer sources. Checked on every input (a violation traps):
//  - the file starts with the UTF-8 BOM and is valid UTF-8;
//  - read back with an RFC 4180 reader (written here, with the separator in use),
//    it has one record per row plus the header, each with as many fields as columns;
//  - each field is exactly the cell's text (CSVWriter.text(of:)), so quoting loses nothing;
//  - no field starts with = + - @ tab or CR (OWASP): risky text carries a leading '.

/// RFC 4180 records of `bytes` (after the BOM), fields as raw bytes.
func readCSV(_ bytes: ArraySlice<UInt8>, separator: UInt8) -> [[[UInt8]]]? {
    var records: [[[UInt8]]] = []
    var record: [[UInt8]] = []
    var field: [UInt8] = []
    var i = bytes.startIndex
    var atFieldStart = true
    while i < bytes.endIndex {
        let b = bytes[i]
        if atFieldStart && b == 0x22 {
            // Quoted field: up to a quote not followed by a quote.
            i += 1
            while true {
                guard i < bytes.endIndex else { return nil }   // unterminated quote
                if bytes[i] == 0x22 {
                    if i + 1 < bytes.endIndex && bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                    i += 1; break
                }
                field.append(bytes[i]); i += 1
            }
            atFieldStart = false
            // After a closing quote only a separator or CRLF may follow.
            guard i == bytes.endIndex || bytes[i] == separator || bytes[i] == 0x0D else { return nil }
            continue
        }
        if b == separator {
            record.append(field); field = []; atFieldStart = true; i += 1
        } else if b == 0x0D {
            guard i + 1 < bytes.endIndex, bytes[i + 1] == 0x0A else { return nil }   // bare CR outside quotes
            record.append(field); records.append(record)
            record = []; field = []; atFieldStart = true; i += 2
        } else {
            guard b != 0x0A, b != 0x22 else { return nil }   // bare LF or quote inside an unquoted field
            field.append(b); atFieldStart = false; i += 1
        }
    }
    guard record.isEmpty, field.isEmpty, atFieldStart else { return nil }   // every record ends with CRLF
    return records
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let input = SheetInput(UnsafeBufferPointer(start: data, count: size)) else { return 0 }
    let sep: CSVSeparator = input.semicolon ? .semicolon : .comma
    let out = CSVWriter.render(input.table, separator: sep)
    check(Array(out.prefix(3)) == CSVWriter.bom, "no BOM")
    check(String(validating: out.dropFirst(3), as: UTF8.self) != nil, "not UTF-8")
    guard let records = readCSV(out.dropFirst(3), separator: sep.byte) else {
        check(false, "the output is not RFC 4180 CSV"); return 0
    }
    let expected = [input.table.header.map(FormulaGuard.neutralised)]
        + input.table.rows.map { $0.map { CSVWriter.text(of: $0, separator: sep) } }
    // Which fields hold text (numbers such as -5 are numbers, not formulas).
    let isText = [input.table.header.map { _ in true }]
        + input.table.rows.map { $0.map { if case .text = $0 { true } else { false } } }
    check(records.count == expected.count, "\(records.count) records for \(expected.count) rows")
    for ((r, e), t) in zip(zip(records, expected), isText) {
        check(r.count == e.count, "a record of \(r.count) fields for \(e.count) columns")
        for ((field, text), textCell) in zip(zip(r, e), t) {
            check(field == Array(text.utf8), "field \(field) is not \(Array(text.utf8))")
            if textCell, let first = field.first {
                check(![UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains(first),
                      "a field starts with a formula character")
            }
        }
    }
    return 0
}
