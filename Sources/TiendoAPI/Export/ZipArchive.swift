// A ZIP archive (PKWARE APPNOTE 6.3) with stored (uncompressed) entries: what
// an .xlsx needs, without a compression library. No ZIP64: an entry and the
// whole archive stay under 4 GiB, and there are fewer than 65535 entries
// (`add` refuses beyond that).

public struct ZipArchive: Sendable {
    public struct Entry: Sendable {
        public var name: String
        public var data: [UInt8]
    }

    public private(set) var entries: [Entry] = []

    public init() {}

    public enum Failure: Error, Equatable { case tooLarge, tooManyEntries, badName }

    public mutating func add(_ name: String, _ data: [UInt8]) throws(Failure) {
        guard !name.isEmpty, name.utf8.count <= 0xFFFF, !name.hasPrefix("/"), !name.contains("\\") else { throw .badName }
        guard entries.count < 0xFFFF else { throw .tooManyEntries }
        guard data.count < 0xFFFF_FFFF else { throw .tooLarge }
        entries.append(Entry(name: name, data: data))
    }

    /// 1980-01-01 00:00, the earliest DOS time: archives are byte-for-byte reproducible.
    static let dosTime: UInt16 = 0
    static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1
    /// Bit 11: names are UTF-8.
    static let flags: UInt16 = 1 << 11

    public func bytes() throws(Failure) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        out.reserveCapacity(entries.reduce(0) { $0 + $1.data.count + 30 + $1.name.utf8.count } + 22)
        for e in entries {
            guard out.count < 0xFFFF_FFFF else { throw .tooLarge }
            let offset = UInt32(out.count)
            let name = Array(e.name.utf8)
            let crc = CRC32.checksum(e.data)
            let size = UInt32(e.data.count)
            // Local file header.
            out.le32(0x0403_4B50); out.le16(10); out.le16(ZipArchive.flags); out.le16(0)
            out.le16(ZipArchive.dosTime); out.le16(ZipArchive.dosDate)
            out.le32(crc); out.le32(size); out.le32(size)
            out.le16(UInt16(name.count)); out.le16(0)
            out += name
            out += e.data
            // Central directory header.
            central.le32(0x0201_4B50); central.le16(20); central.le16(10); central.le16(ZipArchive.flags); central.le16(0)
            central.le16(ZipArchive.dosTime); central.le16(ZipArchive.dosDate)
            central.le32(crc); central.le32(size); central.le32(size)
            central.le16(UInt16(name.count)); central.le16(0); central.le16(0)
            central.le16(0); central.le16(0); central.le32(0); central.le32(offset)
            central += name
        }
        guard out.count + central.count < 0xFFFF_FFFF else { throw .tooLarge }
        let centralOffset = UInt32(out.count)
        out += central
        // End of central directory.
        out.le32(0x0605_4B50); out.le16(0); out.le16(0)
        out.le16(UInt16(entries.count)); out.le16(UInt16(entries.count))
        out.le32(UInt32(central.count)); out.le32(centralOffset); out.le16(0)
        return out
    }
}

extension Array where Element == UInt8 {
    mutating func le16(_ v: UInt16) { append(UInt8(v & 0xFF)); append(UInt8(v >> 8)) }
    mutating func le32(_ v: UInt32) { for s in stride(from: 0, to: 32, by: 8) { append(UInt8((v >> UInt32(s)) & 0xFF)) } }
}
