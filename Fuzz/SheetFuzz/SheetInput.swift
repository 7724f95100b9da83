// Shared by the CSV and xlsx writer fuzz targets: turns fuzz bytes into a
// SheetTable of any strings, numbers (any bit pattern, NaN and infinities
// included) and dates (any year/month/day, impossible ones included).
//
// Layout: byte 0 = number of columns (1…8), byte 1 = options (bit 0: `;`
// separator); the rest is a sequence of cells, each a kind byte then a
// payload ending at the next 0xFF byte: kind % 4 = 0 text (UTF-8, decoded
// leniently), 1 number (first 8 bytes as a Double's bits), 2 date (bytes as
// year high, year low, month, day), 3 empty. The first `columns` cells are the
// header (as text).

struct SheetInput {
    var table: SheetTable
    var semicolon: Bool

    init?(_ data: UnsafeBufferPointer<UInt8>) {
        guard data.count >= 2 else { return nil }
        let columns = Int(data[0] % 8) + 1
        semicolon = data[1] & 1 == 1
        var cells: [SheetCell] = []
        var i = 2
        while i < data.count, cells.count < 4096 {
            let kind = data[i] % 4
            i += 1
            var end = i
            while end < data.count, data[end] != 0xFF { end += 1 }
            let payload = Array(data[i..<end])
            i = end + 1
            switch kind {
            case 0: cells.append(.text(String(decoding: payload, as: UTF8.self)))
            case 1:
                var bits: UInt64 = 0
                for (k, b) in payload.prefix(8).enumerated() { bits |= UInt64(b) << UInt64(8 * k) }
                cells.append(.number(Double(bitPattern: bits)))
            case 2:
                let p = payload + [0, 0, 0, 0]
                cells.append(.date(year: Int(p[0]) << 8 | Int(p[1]), month: Int(p[2]), day: Int(p[3])))
            default: cells.append(.empty)
            }
        }
        let header = cells.prefix(columns).map { cell -> String in
            if case .text(let s) = cell { return s } else { return "" }
        }
        let body = Array(cells.dropFirst(columns))
        var rows: [[SheetCell]] = []
        var k = 0
        while k < body.count {
            rows.append(Array(body[k..<min(k + columns, body.count)]))
            k += columns
        }
        // Short last row: padded, as the writers get rectangular tables.
        if var last = rows.popLast() {
            while last.count < columns { last.append(.empty) }
            rows.append(last)
        }
        table = SheetTable(header: header + Array(repeating: "", count: columns - header.count), rows: rows)
    }
}

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        print("invariant violated: \(message())")
        fatalError(message())
    }
}
