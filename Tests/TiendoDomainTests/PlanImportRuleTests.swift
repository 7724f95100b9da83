import Foundation
import Testing
import TiendoDomain

/// One rule of the plan reader per test, on small texts — several unlike the seeds.
@Suite struct PlanImportRuleTests {
    static let units = ImportFixtures.units
    static let matcher = UnitMatcher(units: units, issuerId: "tinh-thanh-hoa")

    static func read(_ text: String, issuer: String? = "tinh-thanh-hoa") throws -> PlanImportResult {
        try PlanImporter.read(text: text, units: units, issuerId: issuer).get()
    }

    // MARK: units

    @Test(arguments: [
        ("UBND các huyện, thị xã, thành phố", ["kind:district"]),
        ("Ủy ban nhân dân các huyện, thị xã, thành phố", ["kind:district"]),
        ("UBND các xã, phường, thị trấn", ["kind:commune"]),
        ("Cấp ủy - UBND các xã, thị trấn", ["kind:commune"]),
        ("Các sở, ban, ngành, đơn vị cấp tỉnh", ["kind:department", "kind:agency"]),
        ("các sở, ban, ngành cấp tỉnh", ["kind:department", "kind:agency"]),
        ("Sở Nông nghiệp và PTNT", ["so-nong-nghiep"]),
        ("Sở Nông nghiệp và Phát triển Nông thôn", ["so-nong-nghiep"]),
        ("Sở Nông nghiệp và Môi trường", ["so-nong-nghiep-moi-truong"]),
        ("Sở Giáo dục và Đạo tạo", ["so-giao-duc"]),
        ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", ["so-giao-duc"]),
        ("Ban Quản lý KKT Nghi Sơn và các KCN", ["ban-quan-ly-kkt-nghi-son"]),
        ("Ban Quản ký Khu kinh tế Nghi Sơn và các khu công nghiệp", ["ban-quan-ly-kkt-nghi-son"]),
        ("UBND TP Thanh Hóa", ["thanh-pho-thanh-hoa"]),
        ("UBND thị xã Bỉm Sơn", ["thi-xa-bim-son"]),
        ("Sở Lao động, Thương binh và Xã hội", ["so-lao-dong"]),
        ("Sở LĐTB&XH", ["so-lao-dong"]),
        ("Bảo hiểm xã hội tỉnh", ["bhxh-tinh"]),
        ("Sở Văn hóa, Thể thao và Du lịch", ["so-van-hoa-the-thao-du-lich"]),
    ])
    func resolvesNames(_ phrase: String, _ expected: [String]) {
        let m = Self.matcher.mentions(in: phrase)
        #expect(m.count == 1, "\(m)")
        #expect(m.first?.resolution == .resolved(expected), "\(phrase): \(m)")
    }

    @Test func listsSplitOnCommasAndVaButNotInsideNames() {
        let m = Self.matcher.mentions(in: "Sở Văn hóa, Thể thao và Du lịch; Sở Giáo dục và Đào tạo, UBND các huyện, thị xã, thành phố và các đơn vị liên quan.")
        #expect(m.map(\.resolution) == [.resolved(["so-van-hoa-the-thao-du-lich"]), .resolved(["so-giao-duc"]),
                                         .resolved(["kind:district"]), .vague])
        #expect(m.map(\.text) == ["Sở Văn hóa, Thể thao và Du lịch", "Sở Giáo dục và Đào tạo", "UBND các huyện, thị xã, thành phố", "các đơn vị liên quan"])
    }

    @Test func unknownAndShortenedNamesAreWarnedWithCandidates() {
        let unknown = Self.matcher.mentions(in: "Sở Du lịch")
        guard case .unresolved(let c)? = unknown.first?.resolution else { Issue.record("\(unknown)"); return }
        #expect(c.contains("so-van-hoa-the-thao-du-lich"))
        let shortened = Self.matcher.mentions(in: "Sở Nông nghiệp")
        guard case .unresolved(let c2)? = shortened.first?.resolution else { Issue.record("\(shortened)"); return }
        #expect(Set(c2).isSuperset(of: ["so-nong-nghiep", "so-nong-nghiep-moi-truong"]))
        #expect(Self.matcher.mentions(in: "các chủ đầu tư").first?.resolution == .vague)
    }

    @Test func aDistrictPlanReadsItsOwnOfficesWithoutTheDistrictName() {
        let m = UnitMatcher(units: Self.units, issuerId: "huyen-hoang-hoa")
        #expect(m.mentions(in: "Bảo hiểm xã hội huyện, phòng Lao động, Thương binh và xã hội.").map(\.resolution)
                == [.resolved(["bhxh-hoang-hoa"]), .resolved(["phong-lao-dong-hoang-hoa"])])
        #expect(m.mentions(in: "Phòng Tài chính-Kế hoạch").first?.resolution == .resolved(["phong-tai-chinh-ke-hoach-hoang-hoa"]))
    }

    // MARK: deadlines (DeadlineParser additions)

    @Test(arguments: [
        ("Trong 3 tháng cuối năm 2018", "2018-12-31", DeadlineKind.quarter),
        ("3 tháng đầu năm 2019", "2019-03-31", .quarter),
        ("trước 14 giờ, ngày 05/12/2017", "2017-12-05", .date),
        ("Trong năm 2025 và những năm tiếp theo", nil, .fromYear),
        ("Khắc phục từng bước, đảm bảo ổn định tình hình.", nil, .continuous),
    ] as [(String, String?, DeadlineKind)])
    func deadlinePhrases(_ phrase: String, _ due: String?, _ kind: DeadlineKind) throws {
        let d = try Deadline(parsing: phrase)
        #expect(d.kind == kind)
        #expect(d.dueOn.map { "\($0)" } == due)
    }

    @Test func timeOfDayIsKept() throws {
        let d = try Deadline(parsing: "trước 14 giờ, ngày 05/12/2017")
        #expect(d.time == "14:00")
        #expect(d.strict == false)
        #expect(try Deadline(parsing: "trước 9 giờ 30, ngày 05/12/2017").time == "09:30")
        #expect(throws: DeadlineParseError.self) { try Deadline(parsing: "trước 25 giờ, ngày 05/12/2017") }
        let json = try JSONEncoder().encode(d)
        #expect(try JSONDecoder().decode(Deadline.self, from: json) == d)
    }

    // MARK: report clause

    @Test(arguments: [
        ("định kỳ ngày 15 của tháng cuối quý, gửi báo cáo kết quả về Sở Kế hoạch và Đầu tư", Frequency.quarterly, 15, false),
        ("định kỳ trước ngày 15 của tháng cuối quý, gửi báo cáo kết quả khắc phục về Sở Tài chính", .quarterly, 15, true),
        ("báo cáo kết quả định kỳ 6 tháng, trước ngày 05/6 và 05/12 hàng năm về Sở Tài chính", .halfYearly, 5, true),
        ("định kỳ 6 tháng một lần báo cáo kết quả về UBND tỉnh", .halfYearly, 15, false),
        ("gửi báo cáo kết quả thực hiện trước ngày 20 hằng tháng", .monthly, 20, true),
        ("báo cáo kết quả thực hiện vào 09/6/2017 về UBND huyện", .once, 15, false),
    ] as [(String, Frequency, Int, Bool)])
    func reportClauses(_ text: String, _ frequency: Frequency, _ day: Int, _ strict: Bool) throws {
        let found = try #require(ReportClauseReader.find(in: PlanLines.split(text), afterLine: 0))
        #expect(found.schedule.frequency == frequency)
        if frequency != .once { #expect(found.schedule.dueDay == day) }
        #expect(found.schedule.strict == strict)
        #expect(ReportClauseReader.parse(phrase: text) == found.schedule)
    }

    @Test func twoDifferentHalfYearDaysKeepTheEarlierAndSaySo() throws {
        let found = try #require(ReportClauseReader.find(in: PlanLines.split("báo cáo trước ngày 15/6 và 10/12 hàng năm"), afterLine: 0))
        #expect(found.schedule.frequency == .halfYearly)
        #expect(found.schedule.dueDay == 10)
        #expect(found.note != nil)
    }

    // MARK: header

    @Test func headerFields() throws {
        let text = """
        ỦY BAN NHÂN DÂN
        HUYỆN HOẰNG HÓA
        Số: 27/KH-UBND
        Hoằng Hóa, ngày 5 tháng 6 năm 2023
        KẾ HOẠCH
        Khắc phục hạn chế trong công tác cải cách hành chính
        I. NỘI DUNG
        1. Tỷ lệ hồ sơ trực tuyến còn thấp
        a) Nguyên nhân: Hạ tầng chưa đồng bộ.
        b) Nhiệm vụ, giải pháp khắc phục
        - Phòng Nội vụ rà soát quy trình.
        c) Thời gian hoàn thành: Quý III/2023.
        KT. CHỦ TỊCH
        PHÓ CHỦ TỊCH
        Nguyễn Văn An
        """
        let r = try Self.read(text, issuer: nil)
        #expect(r.draft.number == "27/KH-UBND")
        #expect(r.draft.issuedOn == CivilDate(year: 2023, month: 6, day: 5))
        #expect(r.draft.issuerText == "ỦY BAN NHÂN DÂN HUYỆN HOẰNG HÓA")
        #expect(r.draft.issuerId == "huyen-hoang-hoa")
        #expect(r.draft.signer == "Nguyễn Văn An")
        #expect(r.draft.title == "Kế hoạch khắc phục hạn chế trong công tác cải cách hành chính")
        let t = try #require(r.draft.shortcomings.first?.tasks.first)
        #expect(t.lead == ["phong-noi-vu-hoang-hoa"])
        #expect(t.deadline?.dueOn == CivilDate(year: 2023, month: 9, day: 30))
        #expect(r.draft.shortcomings.first?.causes.first?.text == "Hạ tầng chưa đồng bộ.")
    }

    // MARK: structures unlike the seeds

    @Test func tableLessPlanWithInlineLeadAndDeadline() throws {
        let text = """
        Số: 5/KH-UBND
        Thanh Hóa, ngày 10 tháng 1 năm 2024
        KẾ HOẠCH
        Khắc phục tồn tại về giải ngân
        1) Giải ngân vốn đầu tư công chậm
        Nguyên nhân khách quan: giá vật liệu tăng.
        Nhiệm vụ, giải pháp:
        (1) Đẩy nhanh giải phóng mặt bằng (Đơn vị chủ trì: UBND các huyện, thị xã, thành phố; Thời hạn: Quý II/2024).
        (2) Hoàn thiện thủ tục thanh toán; Đơn vị chủ trì: Sở Tài chính; Đơn vị phối hợp: Kho bạc Nhà nước Thanh Hóa; Thời hạn: trước ngày 15/8/2024.
        định kỳ trước ngày 15 của tháng cuối quý báo cáo kết quả về Sở Tài chính.
        """
        let r = try Self.read(text)
        #expect(r.draft.shortcomings.count == 1)
        let s = try #require(r.draft.shortcomings.first)
        #expect(s.causes.first?.kind == "objective")
        #expect(s.tasks.count == 2)
        #expect(s.tasks[0].title == "Đẩy nhanh giải phóng mặt bằng")
        #expect(s.tasks[0].lead == ["kind:district"])
        #expect(s.tasks[0].deadline?.dueOn == CivilDate(year: 2024, month: 6, day: 30))
        #expect(s.tasks[1].lead == ["so-tai-chinh"])
        #expect(s.tasks[1].coordinating == ["kho-bac-nha-nuoc"])
        #expect(s.tasks[1].deadline?.dueOn == CivilDate(year: 2024, month: 8, day: 14))
        #expect(r.draft.schedule == ReportSchedule(frequency: .quarterly, dueDay: 15, strict: true, workingDays: .next))
        #expect(r.draft.aggregatorId == "so-tai-chinh")
    }

    @Test func unitLineIntroducesThePlusTasksItLeads() throws {
        let text = """
        I. HẠN CHẾ
        1. Dịch bệnh gia súc
        1.1. Kế hoạch khắc phục
        - Đơn vị chủ trì: Sở Nông nghiệp và PTNT; UBND các huyện, thị xã, thành phố.
        - Đơn vị phối hợp: Các đơn vị liên quan.
        - Sở Nông nghiệp và Phát triển nông thôn
        + Hướng dẫn tiêm phòng.
        + Phối hợp với Sở Y tế kiểm soát giết mổ.
        - UBND các huyện, thị xã, thành phố
        + Tuyên truyền cho người chăn nuôi.
        - Sở Tài chính chủ trì, phối hợp với Sở Y tế bố trí kinh phí.
        1.2. Thời gian thực hiện: Năm 2024 và các năm tiếp theo.
        """
        let tasks = try Self.read(text).draft.shortcomings.flatMap(\.tasks)
        #expect(tasks.map(\.title) == ["Hướng dẫn tiêm phòng.", "Phối hợp với Sở Y tế kiểm soát giết mổ.", "Tuyên truyền cho người chăn nuôi.",
                                       "Sở Tài chính chủ trì, phối hợp với Sở Y tế bố trí kinh phí."])
        #expect(tasks.map(\.lead) == [["so-nong-nghiep"], ["so-nong-nghiep"], ["kind:district"], ["so-tai-chinh"]])
        #expect(tasks[1].coordinating == ["so-y-te"])
        #expect(tasks[3].coordinating == ["so-y-te"])
        #expect(tasks.allSatisfy { $0.deadline?.kind == .fromYear && $0.deadline?.year == 2024 })
        #expect(tasks[0].leadText == ["Sở Nông nghiệp và Phát triển nông thôn"])
    }

    @Test func prosePlanWithGiaoChuTri() throws {
        let text = """
        Ngày 2 tháng 3 năm 2024, UBND tỉnh Thanh Hóa đã ban hành Kế hoạch số 40/KH-UBND về việc khắc phục hạn chế năm 2023.
        Đối với hạn chế về thu ngân sách, UBND tỉnh giao Sở Tài chính chủ trì, phối hợp với Cục Thuế tỉnh tăng cường quản lý thu.
        Đối với hạn chế về tai nạn giao thông, UBND tỉnh giao Công an tỉnh chủ trì, phối hợp với Sở Giao thông vận tải xử lý vi phạm.
        Các cơ quan phải khắc phục những hạn chế này trong năm 2024; định kỳ ngày 20 hằng tháng báo cáo kết quả về Sở Tài chính.
        """
        let r = try Self.read(text, issuer: nil)
        #expect(r.draft.number == "40/KH-UBND")
        #expect(r.draft.issuedOn == CivilDate(year: 2024, month: 3, day: 2))
        #expect(r.draft.issuerId == "tinh-thanh-hoa")
        let tasks = r.draft.shortcomings.flatMap(\.tasks)
        #expect(tasks.map(\.lead) == [["so-tai-chinh"], ["cong-an-tinh"]])
        #expect(tasks.map(\.coordinating) == [["cuc-thue-tinh"], ["so-giao-thong-van-tai"]])
        #expect(tasks.allSatisfy { $0.deadline == Deadline.inYear(2024) .withPhrase($0.deadline?.phrase) })
        #expect(r.draft.schedule == ReportSchedule(frequency: .monthly, dueDay: 20, workingDays: .next))
    }

    @Test func unresolvedUnitsAndDeadlinesBlock() throws {
        let text = """
        1. Hạn chế về đào tạo nghề
        a) Nguyên nhân: thiếu giáo viên.
        b) Nhiệm vụ, giải pháp khắc phục
        - Đơn vị chủ trì: Sở Du lịch.
        - Mở thêm lớp đào tạo.
        c) Thời gian hoàn thành: khi có kinh phí.
        """
        let r = try Self.read(text)
        #expect(!r.isComplete)
        #expect(r.warnings.contains { $0.code == "unit_not_found" && $0.text == "Sở Du lịch" && $0.blocking && $0.line == 4 })
        #expect(r.warnings.contains { $0.code == "deadline_unparseable" && $0.blocking && $0.line == 6 })
        #expect(r.draft.shortcomings.first?.tasks.first?.lead == [nil])
        #expect(r.draft.shortcomings.first?.tasks.first?.leadText == ["Sở Du lịch"])
        #expect(r.stats.unitsUnresolved == 1)
    }

    @Test(arguments: ["", "   \n\n", "Xin chào.\nHôm nay trời đẹp.", "I. MỤC ĐÍCH\n1. Mục đích\nNâng cao trách nhiệm.\n", "\u{0}\u{1}\u{FFFD}"])
    func noPlanInTheText(_ text: String) {
        guard case .failure(let e) = PlanImporter.read(text: text, units: Self.units) else { Issue.record("read a plan in \(text.debugDescription)"); return }
        #expect(e.code == "import_no_plan")
    }

    @Test func htmlIsReadAsText() {
        let html = "<html><body><p>1. Hạn chế</p><p>b) Nhiệm vụ, giải pháp khắc phục</p><ul><li>- Sở Y tế tăng cường kiểm tra&nbsp;an toàn.</li></ul><p>c) Thời gian: Năm 2024</p></body></html>"
        let text = HTMLText.plainText(html)
        #expect(text.contains("Sở Y tế tăng cường kiểm tra an toàn."))
        let r = PlanImporter.read(text: text, units: Self.units, issuerId: "tinh-thanh-hoa")
        #expect((try? r.get())?.draft.shortcomings.first?.tasks.first?.lead == ["so-y-te"])
    }
}

/// Plans laid out as a table, and other labels than the seeds'.
@Suite struct PlanImportTableTests {
    @Test func tableRowsAreTasksAndGroupRowsShortcomings() throws {
        let text = """
        Số: 7/KH-UBND
        Thanh Hóa, ngày 2 tháng 2 năm 2024
        KẾ HOẠCH
        Khắc phục hạn chế năm 2023
        STT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian hoàn thành
        I\tVề giải ngân vốn đầu tư công\t\t\t
        1\tĐẩy nhanh giải phóng mặt bằng\tUBND các huyện, thị xã, thành phố\tSở Tài nguyên và Môi trường\tQuý II/2024
        2\tHoàn thiện thủ tục thanh toán\tSở Tài chính\tKho bạc Nhà nước Thanh Hóa\ttrước ngày 15/8/2024
        II\tVề y tế\t\t\t
        1\tTăng cường tiêm chủng\tSở Y tế\t\tNăm 2024 và các năm tiếp theo
        """
        let r = try PlanImporter.read(text: text, units: ImportFixtures.units, issuerId: "tinh-thanh-hoa").get()
        #expect(r.draft.shortcomings.map(\.code) == ["I", "II"])
        let tasks = r.draft.shortcomings.flatMap(\.tasks)
        #expect(tasks.map(\.title) == ["Đẩy nhanh giải phóng mặt bằng", "Hoàn thiện thủ tục thanh toán", "Tăng cường tiêm chủng"])
        #expect(tasks.map(\.lead) == [["kind:district"], ["so-tai-chinh"], ["so-y-te"]])
        #expect(tasks[0].coordinating == ["so-tai-nguyen-moi-truong"])
        #expect(tasks.map { $0.deadline?.dueOn } == [CivilDate(year: 2024, month: 6, day: 30), CivilDate(year: 2024, month: 8, day: 14), nil])
        #expect(tasks[2].deadline?.kind == .fromYear)
        #expect(tasks[1].lines == [8, 8])
    }

    @Test func pipeTablesToo() throws {
        let text = """
        | TT | Hạn chế, nhiệm vụ | Cơ quan chủ trì | Thời hạn |
        | 1 | Rà soát quy hoạch | Sở Xây dựng | Tháng 6/2024 |
        """
        let r = try PlanImporter.read(text: text, units: ImportFixtures.units, issuerId: "tinh-thanh-hoa").get()
        let t = try #require(r.draft.shortcomings.first?.tasks.first)
        #expect(t.lead == ["so-xay-dung"])
        #expect(t.deadline?.dueOn == CivilDate(year: 2024, month: 6, day: 30))
    }

    @Test func otherTaskLabels() throws {
        let text = """
        1. Tỷ lệ giải ngân thấp
        Giải pháp:
        - Sở Tài chính đôn đốc các chủ đầu tư.
        Thời hạn: Năm 2024.
        """
        let r = try PlanImporter.read(text: text, units: ImportFixtures.units, issuerId: "tinh-thanh-hoa").get()
        #expect(r.draft.shortcomings.first?.tasks.map(\.lead) == [["so-tai-chinh"]])
        #expect(r.draft.shortcomings.first?.tasks.first?.deadline == Deadline.inYear(2024, phrase: "Năm 2024."))
    }
}

@Suite struct PlanImportTextShapeTests {
    @Test func aSentenceCutByLineBreaksIsJoinedAndEmphasisDropped() throws {
        let text = """
        1. Giải ngân chậm
        b) Nhiệm vụ, giải pháp khắc phục
        - *Về đầu tư công:* Sở Tài chính đôn đốc các chủ đầu tư đẩy nhanh
        tiến độ giải ngân.
        - Sở Y tế rà soát.
        c) Thời gian hoàn thành: Năm 2024.
        """
        let tasks = try PlanImporter.read(text: text, units: ImportFixtures.units, issuerId: "tinh-thanh-hoa").get().draft.shortcomings.flatMap(\.tasks)
        #expect(tasks.map(\.title) == ["Về đầu tư công: Sở Tài chính đôn đốc các chủ đầu tư đẩy nhanh tiến độ giải ngân.", "Sở Y tế rà soát."])
        #expect(tasks[0].lines == [3, 4])
        #expect(tasks.map(\.lead) == [["so-tai-chinh"], ["so-y-te"]])
    }
}
