// `tiendo bench-seed --db FILE --dataset province|national [--seed N] [--pairs FILE]`
//
// Writes a benchmark dataset straight into a fresh database with SQL (prepared
// statements, one big transaction per province), deterministically from a
// SplitMix64 seed: the same seed gives the same rows, ids and tokens. Not a
// test fixture and not committed: `scripts/bench` generates it on demand.
//
// One province ≈ 40 departments, 27 districts, 500 communes, 10 quarterly plans
// × 10 shortcomings × 6 tasks, two thirds led by `kind:district` (the other third
// led by a department with the districts coordinating, so every district answers
// for all 60 tasks of a plan), and 8 quarters of reports (2024-Q1 … 2025-Q4) with
// rising progress, a few missing, late, completed and re-submitted ones:
// ≈ 100k report rows. `national` is 34 provinces of that shape in one database.
//
// Prints `key=value` lines on stdout (counts, seconds, and what `scripts/bench`
// should hit); with `--pairs FILE` also writes, for province 1, one line per
// (task, district) pair: `plan_id task_id unit_id last_progress completed`, which
// the POST load scripts turn into valid reports (progress never falls).

import Foundation
import TiendoAPI
import TiendoDomain
import TiendoSQLite
import TiendoStore

enum BenchSeed {
    /// The clock `scripts/bench` fixes with TIENDO_NOW: 10:00 local on 2026-01-20,
    /// after every seeded period's due day, inside 2026-Q1's window.
    static let now = "2026-01-20T03:00:00Z"
    static let today = CivilDate(year: 2026, month: 1, day: 20)!
    /// Latest report_date the seed writes (a few days before `today`).
    static let lastSeedDay = CivilDate(year: 2026, month: 1, day: 15)!
    /// The period the benchmark's POSTs report on (open as of `now`, not seeded).
    static let postPeriod = "2026-Q1"
    static let postReportDate = "2026-01-19"
    static let plansPerProvince = 10
    static let shortcomingsPerPlan = 10
    static let tasksPerShortcoming = 6
    static let communesPerProvince = 500
    static let quarters: [(year: Int, quarter: Int)] = [(2024, 1), (2024, 2), (2024, 3), (2024, 4),
                                                         (2025, 1), (2025, 2), (2025, 3), (2025, 4)]

    static func run(_ arguments: Arguments) throws {
        let path = try arguments.required("db")
        let dataset = arguments.value("dataset", default: "province")!
        let provinces: Int
        switch dataset {
        case "province": provinces = 1
        case "national": provinces = 34
        default: throw UsageError("--dataset must be province or national, got \(dataset)")
        }
        let seed = UInt64(try arguments.integer("seed") ?? 1)
        let pairsPath = arguments.value("pairs")
        let migrations = try MigrationsLocator.find(arguments)

        let started = Date()
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        // The schema through the project's own migrator (so schema_migrations matches what
        // `serve` expects), then the pool is closed again for the bulk load.
        do {
            let db = try Database(path: path, readers: 1, durability: .normal)
            defer { db.close() }
            try Migrator(directory: migrations).migrate(db)
        }
        let migrated = Date()

        // A bulk load of a throwaway file on one plain connection: no journal and no fsyncs
        // (a crash just means seeding again), a large page cache so the four report indexes
        // stay in memory. Back to WAL at the end, as `serve` runs it.
        var generator = Generator(seed: seed)
        let c = try Connection(path: path, mode: .readWrite)
        try c.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY")
        // Foreign keys are checked once at the end (foreign_key_check) rather than four lookups per report.
        try c.execute("PRAGMA foreign_keys = OFF")
        // The reports' secondary indexes are dropped for the load and re-created from their own
        // schema text afterwards (a sort, much cheaper than millions of random b-tree inserts);
        // rows go in in the order of the UNIQUE index, so that one only ever appends.
        let indexes = try c.query("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'reports' AND sql IS NOT NULL")
            .compactMap { row -> (String, String)? in
                guard let name = row.string("name"), let sql = row.string("sql") else { return nil }
                return (name, sql)
            }
        for (name, _) in indexes { try c.execute("DROP INDEX \"\(name)\"") }
        // Likewise the triggers that bump plan_revisions per report: one UPSERT per row is
        // wasted on a bulk load; the counters are set once at the end instead.
        let triggers = try c.query("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'reports'")
            .compactMap { row -> (String, String)? in
                guard let name = row.string("name"), let sql = row.string("sql") else { return nil }
                return (name, sql)
            }
        for (name, _) in triggers { try c.execute("DROP TRIGGER \"\(name)\"") }
        var counts = Counts()
        try c.transaction { try generator.tokenAdmin(c, &counts) }
        for p in 1...provinces {
            try c.transaction { try generator.province(p, c, &counts, pairs: p == 1 && pairsPath != nil) }
        }
        let loaded = Date()
        // Index builds are external sorts: give them memory and SQLite's sorter threads.
        try c.execute("PRAGMA cache_size = -1048576; PRAGMA threads = 2")
        for (_, sql) in indexes { try c.execute(sql) }
        for (_, sql) in triggers { try c.execute(sql) }
        // The read model (migration 0006) is kept by those triggers: build it once from the
        // loaded reports, as the migration does for an existing database.
        try c.execute("""
            DELETE FROM report_periods; DELETE FROM report_pairs;
            INSERT INTO report_periods SELECT * FROM report_periods_computed;
            INSERT INTO report_pairs SELECT * FROM report_pairs_computed;
            DELETE FROM report_marks;
            INSERT INTO report_marks (task_id, plan_id, mark) SELECT task_id, plan_id, abs(random() % 4503599627370496) + 1 FROM reports GROUP BY task_id;
            """)
        try c.execute("UPDATE plan_revisions SET revision = revision + 1")
        let indexed = Date()
        let violations = try c.query("PRAGMA foreign_key_check")
        guard violations.isEmpty else {
            throw UsageError("bench-seed wrote \(violations.count) rows that break a foreign key, e.g. \(violations[0].values)")
        }
        try c.execute("PRAGMA foreign_keys = ON")
        let checked = Date()
        try c.execute("PRAGMA analysis_limit = 1000; ANALYZE")
        _ = try c.scalar("PRAGMA journal_mode = WAL")
        c.close()
        let seconds = Date().timeIntervalSince(started)

        if let pairsPath {
            let text = generator.pairLines.joined(separator: "\n") + "\n"
            try text.write(toFile: pairsPath, atomically: true, encoding: .utf8)
        }
        let p1 = generator.firstProvince
        let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let lines: [(String, String)] = [
            ("dataset", dataset), ("seed", "\(seed)"), ("db", path), ("now", now),
            ("provinces", "\(provinces)"), ("units", "\(counts.units)"), ("plans", "\(counts.plans)"),
            ("shortcomings", "\(counts.shortcomings)"), ("tasks", "\(counts.tasks)"),
            ("task_assignees", "\(counts.assignees)"), ("tokens", "\(counts.tokens)"),
            ("reports", "\(counts.reports)"), ("db_bytes", "\(fileSize)"),
            ("migrate_seconds", String(format: "%.2f", migrated.timeIntervalSince(started))),
            ("load_seconds", String(format: "%.2f", loaded.timeIntervalSince(migrated))),
            ("index_seconds", String(format: "%.2f", indexed.timeIntervalSince(loaded))),
            ("fk_check_seconds", String(format: "%.2f", checked.timeIntervalSince(indexed))),
            ("seconds", String(format: "%.2f", seconds)),
            ("plan_id_first", "\(generator.planIDs.first ?? 0)"), ("plan_id_last", "\(generator.planIDs.last ?? 0)"),
            ("p1_plan_id_first", "\(p1.plans.first ?? 0)"), ("p1_plan_id_last", "\(p1.plans.last ?? 0)"),
            ("p1_task_id_first", "\(p1.tasks.first ?? 0)"), ("p1_task_id_last", "\(p1.tasks.last ?? 0)"),
            ("read_token", "bench-aggregator-01"), ("admin_token", "bench-admin"),
            ("reporter_token_prefix", "bench-"), ("compliance_period", "2025-Q4"),
            ("post_period", postPeriod), ("post_report_date", postReportDate),
            ("pairs", pairsPath ?? ""), ("pairs_count", "\(generator.pairLines.count)"),
        ]
        for (k, v) in lines { print("\(k)=\(v)") }
    }

    struct Counts {
        var units = 0, plans = 0, shortcomings = 0, tasks = 0, assignees = 0, tokens = 0, reports = 0
    }

    /// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same on every platform.
    struct SplitMix64 {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
        }
        mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / 9_007_199_254_740_992.0 < p }
        mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
    }

    /// The generator keeps the PRNG and the statements; rows go in in primary-key order
    /// (reports by task, unit, period), which keeps most index inserts appends.
    struct Generator {
        var rng: SplitMix64
        var planIDs: [Int64] = []
        var firstProvince: (plans: [Int64], tasks: [Int64]) = ([], [])
        var pairLines: [String] = []
        private var nextPlanID: Int64 = 1, nextShortcomingID: Int64 = 1, nextTaskID: Int64 = 1, nextTokenID: Int64 = 1
        private var nextReportID: Int64 = 1

        init(seed: UInt64) { rng = SplitMix64(state: seed) }

        static let created = "2024-01-05T01:00:00Z"

        mutating func tokenAdmin(_ c: Connection, _ counts: inout Counts) throws {
            _ = try token("bench-admin", role: "admin", unit: nil, c, &counts)
        }

        private mutating func token(_ bearer: String, role: String, unit: String?, _ c: Connection,
                                    _ counts: inout Counts) throws -> Int64 {
            let id = nextTokenID
            nextTokenID += 1
            try exec(c.prepare("INSERT INTO tokens (id, hash, role, unit_id, label, created_at) VALUES (?, ?, ?, ?, ?, ?)"),
                     [.integer(id), .text(SHA256.hex(bearer)), .text(role), unit.map { .text($0) } ?? .null,
                      .text("bench-seed"), .text(Self.created)])
            counts.tokens += 1
            return id
        }

        private func exec(_ st: Statement, _ values: [SQLValue]) throws {
            for (i, v) in values.enumerated() { try st.bind(v, at: Int32(i + 1)) }
            try st.step()
            try st.reset()
        }

        private mutating func unit(_ id: String, _ name: String, _ kind: String, parent: String?, _ c: Connection,
                                   _ counts: inout Counts) throws {
            try exec(c.prepare("INSERT INTO units (id, name, name_key, kind, parent_id, created_at) VALUES (?, ?, ?, ?, ?, ?)"),
                     [.text(id), .text(VietnameseText.nfc(name)), .text(VietnameseText.searchKey(name)), .text(kind),
                      parent.map { .text($0) } ?? .null, .text(Self.created)])
            counts.units += 1
        }

        mutating func province(_ p: Int, _ c: Connection, _ counts: inout Counts, pairs: Bool) throws {
            let pp = p < 10 ? "0\(p)" : "\(p)"
            let provinceID = "tinh-\(pp)"
            try unit(provinceID, "Tỉnh \(BenchSeed.provinceNames[(p - 1) % BenchSeed.provinceNames.count])",
                     "province", parent: nil, c, &counts)
            // Departments: the real Sở/Ban names first, then numbered project boards up to 40.
            var departments: [String] = []
            var tokenOf: [String: Int64] = [:]
            for d in 0..<40 {
                let name = d < BenchSeed.departmentNames.count ? BenchSeed.departmentNames[d]
                    : "Ban Quản lý dự án đầu tư xây dựng số \(d - BenchSeed.departmentNames.count + 1)"
                let id = "t\(pp)-" + BenchSeed.slug(name)
                try unit(id, name, "department", parent: provinceID, c, &counts)
                departments.append(id)
                tokenOf[id] = try token("bench-\(id)", role: "reporter", unit: id, c, &counts)
            }
            let finance = "t\(pp)-so-tai-chinh"
            _ = try token("bench-aggregator-\(pp)", role: "aggregator", unit: finance, c, &counts)
            var districts: [String] = []
            for (i, name) in BenchSeed.districtNames.enumerated() {
                let id = "t\(pp)-huyen-\(i < 9 ? "0" : "")\(i + 1)"
                try unit(id, name, "district", parent: provinceID, c, &counts)
                districts.append(id)
                tokenOf[id] = try token("bench-\(id)", role: "reporter", unit: id, c, &counts)
            }
            for i in 0..<BenchSeed.communesPerProvince {
                let name = "Xã \(rng.pick(BenchSeed.communeStems.0)) \(rng.pick(BenchSeed.communeStems.1))"
                let number = String(repeating: "0", count: 3 - String(i + 1).count) + String(i + 1)
                try unit("t\(pp)-xa-\(number)", name, "commune", parent: districts[i % districts.count], c, &counts)
            }

            let insertPlan = try c.prepare("""
                INSERT INTO plans (id, number, title, issuer_id, issued_on, signer, aggregator_id, schedule_frequency,
                    schedule_due_day, schedule_strict, schedule_window, schedule_due_on, status, closed_on, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'quarterly', 15, ?, ?, NULL, 'active', NULL, ?, ?)
                """)
            let insertShortcoming = try c.prepare(
                "INSERT INTO shortcomings (id, plan_id, position, code, title, causes) VALUES (?, ?, ?, ?, ?, ?)")
            let insertTask = try c.prepare("""
                INSERT INTO tasks (id, shortcoming_id, plan_id, position, title, deadline, deadline_kind, due_on,
                    indicator_name, indicator_unit, indicator_target, indicator_aggregate)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertAssignee = try c.prepare(
                "INSERT INTO task_assignees (task_id, role, position, assignee) VALUES (?, ?, ?, ?)")
            let insertReport = try ReportInserter(c)
            defer { try? insertReport.flush() }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]

            for k in 0..<BenchSeed.plansPerProvince {
                let planID = nextPlanID
                nextPlanID += 1
                planIDs.append(planID)
                if p == 1 { firstProvince.plans.append(planID) }
                let issued = CivilDate(year: 2024, month: 1, day: 8 + k)!
                let strict = k == 8
                let window = k == 9 ? "decree_09" : "calendar"
                let stamp = "\(issued)T01:00:00Z"
                try exec(insertPlan, [.integer(planID), .text("\(80 + k)/KH-UBND"),
                                      .text(VietnameseText.nfc(BenchSeed.planTitles[k % BenchSeed.planTitles.count])),
                                      .text(provinceID), .text(issued.description), .text(rng.pick(BenchSeed.signers)),
                                      .text(finance), .integer(strict ? 1 : 0), .text(window), .text(stamp), .text(stamp)])
                counts.plans += 1

                for s in 0..<BenchSeed.shortcomingsPerPlan {
                    let shortcomingID = nextShortcomingID
                    nextShortcomingID += 1
                    let roman = ["I", "II", "III"][s / 4]
                    let causes = [CauseRecord(kind: "objective", text: VietnameseText.nfc(rng.pick(BenchSeed.objectiveCauses))),
                                  CauseRecord(kind: "subjective", text: VietnameseText.nfc(rng.pick(BenchSeed.subjectiveCauses)))]
                    try exec(insertShortcoming, [.integer(shortcomingID), .integer(planID), .integer(Int64(s)),
                                                 .text("\(roman).\(s % 4 + 1)"),
                                                 .text(VietnameseText.nfc(BenchSeed.shortcomingTitles[(s + k) % BenchSeed.shortcomingTitles.count])),
                                                 .text(String(decoding: try encoder.encode(causes), as: UTF8.self))])
                    counts.shortcomings += 1

                    for t in 0..<BenchSeed.tasksPerShortcoming {
                        let j = s * BenchSeed.tasksPerShortcoming + t
                        let taskID = nextTaskID
                        nextTaskID += 1
                        if p == 1 { firstProvince.tasks.append(taskID) }
                        let department = departments[(j * 7 + k) % departments.count]
                        let districtLed = j % 3 != 0
                        let deadline = BenchSeed.deadline(j, k)
                        let indicator: (String, String, Double, String)? =
                            j % 4 == 0 ? ("Tỷ lệ giải ngân vốn đầu tư công", "%", 100, "average")
                            : j % 4 == 2 ? ("Số hộ thoát nghèo", "hộ", 500, "sum") : nil
                        try exec(insertTask, [
                            .integer(taskID), .integer(shortcomingID), .integer(planID), .integer(Int64(t)),
                            .text(VietnameseText.nfc(BenchSeed.taskTitles[(j + k) % BenchSeed.taskTitles.count])),
                            .text(String(decoding: try encoder.encode(deadline), as: UTF8.self)),
                            .text(deadline.kind.rawValue), deadline.dueOn.map { .text($0.description) } ?? .null,
                            indicator.map { .text(VietnameseText.nfc($0.0)) } ?? .null,
                            indicator.map { .text($0.1) } ?? .null, indicator.map { .real($0.2) } ?? .null,
                            indicator.map { .text($0.3) } ?? .null])
                        counts.tasks += 1
                        let lead = districtLed ? "kind:district" : department
                        let coordinating = districtLed ? department : "kind:district"
                        try exec(insertAssignee, [.integer(taskID), .text("lead"), .integer(0), .text(lead)])
                        try exec(insertAssignee, [.integer(taskID), .text("coordinating"), .integer(0), .text(coordinating)])
                        counts.assignees += 2

                        // Reports: every lead every quarter (90%), districts coordinating 30% of quarters.
                        var reporters: [(unit: String, lead: Bool)] = districts.map { ($0, districtLed) }
                        reporters.append((department, !districtLed))
                        for (unitID, isLead) in reporters {
                            let isDistrict = unitID != department
                            let (last, done) = try reports(task: taskID, plan: planID, unit: unitID, lead: isLead,
                                                           strict: strict, indicator: indicator?.3,
                                                           token: tokenOf[unitID]!, insertReport, &counts)
                            if pairs && isDistrict {
                                pairLines.append("\(planID) \(taskID) \(unitID) \(Int(last)) \(done ? 1 : 0)")
                            }
                        }
                    }
                }
            }
            try insertReport.flush()
        }

        /// One (task, unit)'s eight quarters. Returns the last progress and whether it completed.
        private mutating func reports(task: Int64, plan: Int64, unit: String, lead: Bool, strict: Bool,
                                      indicator: String?, token: Int64, _ st: ReportInserter,
                                      _ counts: inout Counts) throws -> (Double, Bool) {
            var progress = Double(rng.int(0...15))
            let rate = lead ? 0.9 : 0.3
            for (year, quarter) in BenchSeed.quarters {
                guard rng.chance(rate) else { continue }
                progress = min(100, progress + Double(rng.int(3...18)))
                let due = CivilDate(year: year, month: quarter * 3, day: strict ? 14 : 15)!
                let late = rng.chance(0.15)
                var reportDate = late ? due.adding(days: rng.int(1...40)) : due.adding(days: -rng.int(0...20))
                if reportDate > BenchSeed.lastSeedDay { reportDate = BenchSeed.lastSeedDay }
                let completed = progress >= 100
                let status = completed ? "completed" : (progress > 0 ? "in_progress" : "not_started")
                let completedOn: SQLValue = completed ? .text(reportDate.adding(days: -rng.int(0...10)).description) : .null
                let received = late ? reportDate.adding(days: rng.int(0...2)) : reportDate
                let value: SQLValue = indicator == nil ? .null
                    : indicator == "sum" ? .real(Double(rng.int(0...60))) : .real(min(100, progress + Double(rng.int(-5...5))))
                let obstacles: SQLValue = rng.chance(0.2) ? .text(rng.pick(BenchSeed.obstacles)) : .null
                let proposals: SQLValue = rng.chance(0.1) ? .text(rng.pick(BenchSeed.proposals)) : .null
                let result = rng.pick(BenchSeed.results)
                let revisions = rng.chance(0.05) ? 2 : 1
                for revision in 1...revisions {
                    let day = revision == 1 ? received : min(received.adding(days: rng.int(1...3)), BenchSeed.lastSeedDay)
                    let stamp = "\(day)T0\(rng.int(1...9)):\(rng.int(10...59)):\(rng.int(10...59))Z"
                    let id = nextReportID
                    nextReportID += 1
                    let reportDate = reportDate.description
                    try st.add([.integer(id), .integer(task), .integer(plan), .text(unit), .text("\(year)-Q\(quarter)"),
                                .integer(Int64(revision)), .text(reportDate), .text(status), .real(progress), completedOn,
                                .text(result), obstacles, proposals, value, .text(stamp), .integer(token), .text(stamp)])
                    counts.reports += 1
                }
                if completed { return (100, true) }
            }
            return (progress, false)
        }
    }

    /// Report rows go in 64 to a statement (`INSERT … VALUES (…), (…), …`): one statement
    /// execution, one cursor and one b-tree seek per 64 rows instead of per row.
    final class ReportInserter {
        static let columns = 17
        static let rowsPerStatement = 64
        static let head = """
            INSERT INTO reports (id, task_id, plan_id, unit_id, period, revision, report_date, status, progress,
                completed_on, result, obstacles, proposals, indicator_value, received_at, submitted_by, created_at) VALUES
            """
        let connection: Connection
        let many: Statement
        var pending: [SQLValue] = []

        init(_ c: Connection) throws {
            connection = c
            let tuple = "(" + Array(repeating: "?", count: Self.columns).joined(separator: ", ") + ")"
            many = try c.prepare(Self.head + Array(repeating: tuple, count: Self.rowsPerStatement).joined(separator: ", "))
            pending.reserveCapacity(Self.columns * Self.rowsPerStatement)
        }

        func add(_ row: [SQLValue]) throws {
            pending.append(contentsOf: row)
            if pending.count == Self.columns * Self.rowsPerStatement {
                for (i, v) in pending.enumerated() { try many.bind(v, at: Int32(i + 1)) }
                try many.step()
                try many.reset()
                pending.removeAll(keepingCapacity: true)
            }
        }

        /// The last rows (fewer than 64), one statement each.
        func flush() throws {
            guard !pending.isEmpty else { return }
            let tuple = "(" + Array(repeating: "?", count: Self.columns).joined(separator: ", ") + ")"
            let one = try connection.prepare(Self.head + tuple)
            for start in stride(from: 0, to: pending.count, by: Self.columns) {
                for i in 0..<Self.columns { try one.bind(pending[start + i], at: Int32(i + 1)) }
                try one.step()
                try one.reset()
            }
            pending.removeAll(keepingCapacity: true)
        }
    }

    /// A spread of the deadline kinds plans actually use, with the phrases users write.
    static func deadline(_ j: Int, _ k: Int) -> Deadline {
        switch j % 6 {
        case 0: return .fromYear(2024, phrase: "Năm 2024 và các năm tiếp theo")
        case 1:
            let q = (j / 6 + k) % 8
            return .inQuarter(year: 2024 + q / 4, quarter: q % 4 + 1, phrase: "Quý \(["I", "II", "III", "IV"][q % 4])/\(2024 + q / 4)")
        case 2: return .inYear(2025, phrase: "Trong năm 2025")
        case 3: return .continuous(phrase: "Thường xuyên")
        case 4: return .onDate(CivilDate(year: 2025, month: 11, day: 30)!, phrase: "chậm nhất ngày 30/11/2025")
        default: return .inHalf(year: 2026, half: 1, phrase: "6 tháng đầu năm 2026")
        }
    }

    /// `Sở Tài chính` → `so-tai-chinh`.
    static func slug(_ name: String) -> String {
        var out = ""
        for ch in VietnameseText.searchKey(name).unicodeScalars {
            if (ch.value >= 97 && ch.value <= 122) || (ch.value >= 48 && ch.value <= 57) {
                out.unicodeScalars.append(ch)
            } else if !out.isEmpty && !out.hasSuffix("-") {
                out.append("-")
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return String(out.prefix(56))
    }

    // The 34 provinces and cities after the 2025 merger.
    static let provinceNames = [
        "Thanh Hóa", "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Nghệ An",
        "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên",
        "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
        "Đắk Lắk", "Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
    ]
    static let departmentNames = [
        "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Nội vụ", "Sở Tư pháp", "Sở Công Thương",
        "Sở Nông nghiệp và Môi trường", "Sở Xây dựng", "Sở Khoa học và Công nghệ", "Sở Giáo dục và Đào tạo",
        "Sở Y tế", "Sở Văn hóa, Thể thao và Du lịch", "Sở Dân tộc và Tôn giáo", "Sở Ngoại vụ", "Thanh tra tỉnh",
        "Văn phòng UBND tỉnh", "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
        "Ban Quản lý Khu kinh tế và các khu công nghiệp", "Văn phòng Đăng ký đất đai", "Thuế tỉnh",
        "Kho bạc Nhà nước khu vực", "Bảo hiểm Xã hội khu vực", "Liên đoàn Lao động tỉnh", "Hiệp hội doanh nghiệp tỉnh",
        "Đài Phát thanh và Truyền hình tỉnh", "Trường Chính trị tỉnh", "Ban Quản lý dự án đầu tư xây dựng công trình giao thông",
    ]
    // Thanh Hóa's 27 district-level units (before 2025), reused in every province.
    static let districtNames = [
        "Thành phố Thanh Hóa", "Thị xã Bỉm Sơn", "Thị xã Nghi Sơn", "Thành phố Sầm Sơn", "Huyện Hoằng Hóa",
        "Huyện Hậu Lộc", "Huyện Nga Sơn", "Huyện Hà Trung", "Huyện Thạch Thành", "Huyện Cẩm Thủy", "Huyện Vĩnh Lộc",
        "Huyện Yên Định", "Huyện Thiệu Hóa", "Huyện Đông Sơn", "Huyện Triệu Sơn", "Huyện Thọ Xuân", "Huyện Ngọc Lặc",
        "Huyện Lang Chánh", "Huyện Bá Thước", "Huyện Quan Hóa", "Huyện Quan Sơn", "Huyện Mường Lát",
        "Huyện Thường Xuân", "Huyện Như Xuân", "Huyện Như Thanh", "Huyện Nông Cống", "Huyện Quảng Xương",
    ]
    static let communeStems = (["Tân", "Hòa", "Phú", "Đông", "Xuân", "Thịnh", "Quảng", "Thiệu", "Định", "Minh", "Hoằng", "Nga"],
                               ["Lộc", "Hưng", "Thành", "Phúc", "Sơn", "Hải", "Tiến", "Long", "Bình", "An", "Trung", "Khê"])
    static let signers = ["Đỗ Minh Tuấn", "Nguyễn Văn Thi", "Đầu Thanh Tùng", "Lê Đức Giang", "Mai Xuân Liêm"]
    static let planTitles = [
        "Kế hoạch khắc phục những hạn chế, yếu kém trong thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2023",
        "Kế hoạch khắc phục hạn chế, yếu kém trong công tác giải ngân vốn đầu tư công",
        "Kế hoạch khắc phục tồn tại, hạn chế trong cải cách hành chính và chuyển đổi số",
        "Kế hoạch khắc phục hạn chế trong quản lý đất đai, tài nguyên và môi trường",
        "Kế hoạch khắc phục hạn chế trong lĩnh vực giáo dục, y tế và an sinh xã hội",
        "Kế hoạch thực hiện kết luận thanh tra về quản lý đầu tư xây dựng",
        "Kế hoạch khắc phục hạn chế trong thu hút đầu tư và phát triển công nghiệp",
        "Kế hoạch khắc phục hạn chế trong phát triển du lịch và dịch vụ",
        "Kế hoạch khắc phục hạn chế trong bảo đảm an ninh trật tự, an toàn giao thông",
        "Kế hoạch khắc phục hạn chế theo kiến nghị của Kiểm toán Nhà nước",
    ]
    static let shortcomingTitles = [
        "Ứng dụng công nghệ cao trong sản xuất nông nghiệp chưa nhiều",
        "Một số sản phẩm công nghiệp chủ yếu có sản lượng thấp so với kế hoạch",
        "Số lượt khách du lịch tăng mạnh, song tỷ trọng khách lưu trú còn thấp",
        "Chưa thu hút được nhiều dự án công nghệ cao",
        "Tiến độ một số dự án đầu tư lớn, trọng điểm của tỉnh còn chậm",
        "Tỷ lệ giải ngân vốn đầu tư công của một số đơn vị đạt thấp",
        "Tình trạng thiếu giáo viên dần được cải thiện nhưng chưa đáp ứng nhu cầu",
        "Một số bệnh viện gặp khó khăn trong thực hiện cơ chế tự chủ tài chính",
        "Nợ đóng, chậm đóng bảo hiểm xã hội, bảo hiểm y tế trong doanh nghiệp chưa giảm",
        "Thời gian cấp giấy chứng nhận quyền sử dụng đất còn chậm và kéo dài",
        "Tiến độ các dự án xử lý rác thải sinh hoạt rất chậm",
        "Chỉ tiêu giảm tỷ lệ hộ nghèo không đạt kế hoạch",
    ]
    static let taskTitles = [
        "Tham mưu ban hành kế hoạch thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững",
        "Đẩy nhanh tiến độ giải ngân vốn đầu tư công, xử lý dứt điểm các dự án chậm tiến độ",
        "Rà soát, bổ sung quy hoạch sử dụng đất, đẩy nhanh cấp giấy chứng nhận quyền sử dụng đất",
        "Tăng cường kiểm tra, giám sát việc chấp hành pháp luật về bảo vệ môi trường",
        "Tuyển dụng, bố trí đủ giáo viên theo định mức, ưu tiên vùng miền núi",
        "Hướng dẫn các cơ sở y tế công lập xây dựng phương án tự chủ tài chính",
        "Đôn đốc doanh nghiệp nộp bảo hiểm xã hội, xử lý nghiêm các trường hợp nợ đọng kéo dài",
        "Xúc tiến đầu tư, thu hút các dự án công nghệ cao vào các khu công nghiệp",
        "Phát triển sản phẩm du lịch đặc thù, kéo dài thời gian lưu trú của khách",
        "Hoàn thành thủ tục đầu tư các dự án xử lý rác thải sinh hoạt tập trung",
        "Đẩy mạnh chuyển đổi số, nâng tỷ lệ hồ sơ thủ tục hành chính trực tuyến toàn trình",
        "Kiểm tra, xử lý dứt điểm tình trạng hành nghề y dược tư nhân không phép",
    ]
    static let objectiveCauses = [
        "Dịch Covid-19 đã ảnh hưởng đến sinh kế của người dân", "Giá nguyên vật liệu xây dựng tăng cao",
        "Thiên tai, bão lũ diễn biến phức tạp", "Cơ chế, chính sách của Trung ương còn vướng mắc",
    ]
    static let subjectiveCauses = [
        "Công tác lãnh đạo, chỉ đạo của một số địa phương chưa sâu sát, quyết liệt",
        "Năng lực một số chủ đầu tư còn hạn chế", "Công tác phối hợp giữa các ngành chưa chặt chẽ",
        "Một bộ phận cán bộ chưa phát huy hết trách nhiệm",
    ]
    // Report texts: NFC once here, not per row.
    static let results = [
        "Đã ban hành kế hoạch triển khai và phân công nhiệm vụ cụ thể cho từng phòng, ban",
        "Đã tổ chức kiểm tra, đôn đốc các chủ đầu tư; tỷ lệ giải ngân tăng so với quý trước",
        "Đã hoàn thành rà soát hồ sơ, tiếp tục xử lý các trường hợp còn tồn đọng",
        "Đang triển khai thực hiện theo đúng lộ trình kế hoạch đề ra",
        "Đã tổ chức hội nghị quán triệt, giao chỉ tiêu cho các xã, thị trấn",
        "Kết quả thực hiện đạt khá so với kế hoạch, một số chỉ tiêu vượt",
    ].map(VietnameseText.nfc)
    static let obstacles = [
        "Vướng mắc trong công tác giải phóng mặt bằng", "Thiếu nguồn vốn đối ứng của địa phương",
        "Thiếu cán bộ chuyên môn", "Thủ tục đầu tư kéo dài do phải điều chỉnh quy hoạch",
    ].map(VietnameseText.nfc)
    static let proposals = [
        "Đề nghị UBND tỉnh bổ sung nguồn vốn", "Đề nghị Sở Tài chính hướng dẫn thủ tục thanh toán",
        "Đề nghị gia hạn thời gian thực hiện đến hết năm",
    ].map(VietnameseText.nfc)
}
