// Units (đơn vị): provinces, departments, districts, communes, agencies.

import TiendoDomain
import TiendoSQLite

public enum UnitStore {
    static let columns = "id, name, kind, parent_id, created_at, contact_name, phone, email"

    static func record(_ r: Row) throws -> UnitRecord {
        UnitRecord(id: r.req("id"), name: r.req("name"), kind: try r.value("kind", of: "units"), parentID: r.string("parent_id"),
                   createdAt: r.req("created_at"),
                   contact: UnitContact(name: r.string("contact_name"), phone: r.string("phone"), email: r.string("email")))
    }

    /// Inserts a unit; `nameKey` is the folded name used by `q=` search.
    public static func insert(_ u: UnitRecord, nameKey: String, in c: Connection) throws {
        try c.run("""
            INSERT INTO units (id, name, name_key, kind, parent_id, created_at, contact_name, phone, email)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(u.id), .text(nfc(u.name)), .text(nameKey), .text(u.kind.rawValue), u.parentID.sqlValue, .text(u.createdAt),
                  u.contact.name.map(nfc).sqlValue, u.contact.phone.sqlValue, u.contact.email.sqlValue])
    }

    /// Writes a unit's name (and its search key), kind and parent.
    public static func update(_ u: UnitRecord, nameKey: String, in c: Connection) throws {
        try c.run("UPDATE units SET name = ?, name_key = ?, kind = ?, parent_id = ? WHERE id = ?",
                  [.text(nfc(u.name)), .text(nameKey), .text(u.kind.rawValue), u.parentID.sqlValue, .text(u.id)])
    }

    public static func get(_ id: String, in c: Connection) throws -> UnitRecord? {
        try c.queryOne("SELECT \(columns) FROM units WHERE id = ?", [.text(id)]).map(record)
    }

    public static func count(in c: Connection) throws -> Int {
        Int(try c.scalar("SELECT count(*) FROM units").int64Value ?? 0)
    }

    public static func exists(_ id: String, in c: Connection) throws -> Bool {
        try c.queryOne("SELECT 1 FROM units WHERE id = ?", [.text(id)]) != nil
    }

    /// Filtered page, ordered by id. `nameKey` (folded, space-separated words) matches
    /// when its words occur in that order in the folded name (or the id), not
    /// necessarily adjacent: "ubnd hoang hoa" finds "UBND huyện Hoằng Hóa" as
    /// "hoang hoa" does (and neither finds "UBND xã Hoằng Đạo").
    public static func list(kind: String?, parentID: String?, nameKey: String?, limit: Int, offset: Int,
                            in c: Connection) throws -> Page<UnitRecord> {
        var pattern: String? = nil
        if let nameKey {
            func escape(_ w: Substring) -> String {
                var out = ""
                for ch in w { if ch == "%" || ch == "_" || ch == "\\" { out.append("\\") }; out.append(ch) }
                return out
            }
            pattern = "%" + nameKey.split(separator: " ").map(escape).joined(separator: "%") + "%"
        }
        let filter = """
            WHERE (?1 IS NULL OR kind = ?1) AND (?2 IS NULL OR parent_id = ?2)
              AND (?3 IS NULL OR name_key LIKE ?3 ESCAPE '\\' OR id LIKE ?3 ESCAPE '\\')
            """
        let args: [SQLValue] = [kind.sqlValue, parentID.sqlValue, pattern.sqlValue]
        let total = try c.scalar("SELECT count(*) FROM units \(filter)", args).int64Value ?? 0
        let rows = try c.query("SELECT \(columns) FROM units \(filter) ORDER BY id LIMIT ?4 OFFSET ?5",
                               args + [.integer(Int64(limit)), .integer(Int64(offset))])
        return Page(items: try rows.map(record), total: Int(total))
    }

    /// Every unit (the unit tree is small: a province has a few hundred).
    public static func all(in c: Connection) throws -> [UnitRecord] {
        try c.query("SELECT \(columns) FROM units ORDER BY id").map(record)
    }
}
