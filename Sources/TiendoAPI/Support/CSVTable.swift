// Dot-path lookup into JSON items and the plain CSV table built from it.

import Foundation

func lookup(_ v: JSON, path: String) -> JSON? {
    var cur: JSON? = v
    for part in path.split(separator: ".") { cur = cur?[String(part)] }
    return cur
}

/// CSV of `columns` (dot paths) of `items`, English headings. New exports should go through
/// `exportResponse`, which also answers xlsx and the lang/sep options.
func csvTable(_ items: [JSON], columns: [String]) -> [UInt8] {
    CSVWriter.render(ExportTable.table(items, columns: columns, language: .en))
}
