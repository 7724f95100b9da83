// Demo data: Thanh Hóa province, its departments and districts, plan
// 83/KH-UBND (seed 001: real codes, titles and deadline phrases), and a few
// quarters of reports — on time, late, missing, revised — plus demo tokens
// with fixed strings so the documentation's curl examples work.

import Foundation
import TiendoDomain
import TiendoSQLite
import TiendoStore

public struct DemoToken: Sendable, Equatable {
    public var token: String
    public var role: CallerRole
    public var unitID: String?
}

public struct DemoSummary: Sendable {
    public var tokens: [DemoToken]
    public var planID: Int64
    public var units: Int
    public var tasks: Int
    public var reports: Int
    /// Plan 63/KH-UBND, reported on up to today (DemoCurrentQuarter.swift).
    public var currentPlanID: Int64? = nil
}

public enum DemoError: Error, CustomStringConvertible {
    case alreadyLoaded
    case invalid(String)
    public var description: String {
        switch self {
        case .alreadyLoaded: return "the demo data is already loaded (unit tinh-thanh-hoa exists)"
        case .invalid(let s): return "demo data rejected: \(s)"
        }
    }
}

public enum DemoData {
    public static let tokens: [DemoToken] = [
        DemoToken(token: "demo-admin", role: .admin, unitID: nil),
        DemoToken(token: "demo-aggregator", role: .aggregator, unitID: "so-ke-hoach-dau-tu"),
        DemoToken(token: "demo-tai-chinh", role: .aggregator, unitID: "so-tai-chinh"),
        DemoToken(token: "demo-hoang-hoa", role: .reporter, unitID: "huyen-hoang-hoa"),
        DemoToken(token: "demo-thuong-xuan", role: .reporter, unitID: "huyen-thuong-xuan"),
        DemoToken(token: "demo-thanh-pho", role: .reporter, unitID: "thanh-pho-thanh-hoa"),
        DemoToken(token: "demo-y-te", role: .reporter, unitID: "so-y-te"),
        DemoToken(token: "demo-lao-dong", role: .reporter, unitID: "so-lao-dong"),
        DemoToken(token: "demo-nong-nghiep", role: .reporter, unitID: "so-nong-nghiep"),
    ]

    static let units: [(id: String, name: String, kind: UnitKind, parent: String?)] = [
        ("tinh-thanh-hoa", "UBND tỉnh Thanh Hóa", .province, nil),
        ("so-ke-hoach-dau-tu", "Sở Kế hoạch và Đầu tư", .department, "tinh-thanh-hoa"),
        ("so-tai-chinh", "Sở Tài chính", .department, "tinh-thanh-hoa"),
        ("so-lao-dong", "Sở Lao động - Thương binh và Xã hội", .department, "tinh-thanh-hoa"),
        ("so-y-te", "Sở Y tế", .department, "tinh-thanh-hoa"),
        ("so-giao-duc", "Sở Giáo dục và Đào tạo", .department, "tinh-thanh-hoa"),
        ("so-nong-nghiep", "Sở Nông nghiệp và Phát triển nông thôn", .department, "tinh-thanh-hoa"),
        ("so-cong-thuong", "Sở Công Thương", .department, "tinh-thanh-hoa"),
        ("so-xay-dung", "Sở Xây dựng", .department, "tinh-thanh-hoa"),
        ("so-tai-nguyen-moi-truong", "Sở Tài nguyên và Môi trường", .department, "tinh-thanh-hoa"),
        ("so-noi-vu", "Sở Nội vụ", .department, "tinh-thanh-hoa"),
        ("so-van-hoa-the-thao-du-lich", "Sở Văn hóa, Thể thao và Du lịch", .department, "tinh-thanh-hoa"),
        ("so-giao-thong-van-tai", "Sở Giao thông vận tải", .department, "tinh-thanh-hoa"),
        ("cong-an-tinh", "Công an tỉnh", .agency, "tinh-thanh-hoa"),
        ("thanh-tra-tinh", "Thanh tra tỉnh", .agency, "tinh-thanh-hoa"),
        ("bhxh-tinh", "Bảo hiểm Xã hội tỉnh", .agency, "tinh-thanh-hoa"),
        ("huyen-hoang-hoa", "UBND huyện Hoằng Hóa", .district, "tinh-thanh-hoa"),
        ("huyen-thuong-xuan", "UBND huyện Thường Xuân", .district, "tinh-thanh-hoa"),
        ("thanh-pho-thanh-hoa", "UBND thành phố Thanh Hóa", .district, "tinh-thanh-hoa"),
        ("thi-xa-nghi-son", "UBND thị xã Nghi Sơn", .district, "tinh-thanh-hoa"),
        ("huyen-quang-xuong", "UBND huyện Quảng Xương", .district, "tinh-thanh-hoa"),
        ("xa-hoang-dao", "UBND xã Hoằng Đạo", .commune, "huyen-hoang-hoa"),
    ]

    struct T {
        var title: String
        var lead: [String]
        var coordinating: [String]
        var deadline: String
        var indicator: IndicatorRecord? = nil
    }

    struct S {
        var code: String
        var title: String
        var causes: [(String, String)]
        var tasks: [T]
    }

    /// A demo plan's shortcomings as the rows PlanStore.insert takes, deadlines read by the parser.
    static func records(_ shortcomings: [S]) throws -> [ShortcomingRecord] {
        try shortcomings.map { s in
            let tasks = try s.tasks.map { t -> TaskRecord in
                guard case .success(let d) = DeadlineParser.parse(t.deadline) else { throw DemoError.invalid("deadline \(t.deadline)") }
                return TaskRecord(title: t.title, deadlineJSON: encodeDeadline(d), deadlineKind: d.kind, dueOn: d.dueOn,
                                  indicator: t.indicator, lead: t.lead, coordinating: t.coordinating)
            }
            return ShortcomingRecord(code: s.code, title: s.title, causes: s.causes.map { CauseRecord(kind: $0.0, text: $0.1) }, tasks: tasks)
        }
    }

    static let shortcomings: [S] = [
        S(code: "I.1", title: "Về tốc độ tăng trưởng GRDP, GRDP bình quân đầu người và chuyển dịch cơ cấu các ngành kinh tế",
          causes: [("objective", "Tình hình thiên tai, dịch bệnh diễn biến phức tạp, khó lường, nhất là đại dịch Covid-19 đã tác động tiêu cực đến nhiều ngành, lĩnh vực.")],
          tasks: [
            T(title: "Tập trung thực hiện tốt Nghị quyết số 11/NQ-CP ngày 30/01/2022 của Chính phủ về Chương trình phục hồi và phát triển kinh tế - xã hội; Kế hoạch số 79/KH-UBND ngày 21/3/2022 của UBND tỉnh",
              lead: ["so-ke-hoach-dau-tu"], coordinating: ["kind:district"], deadline: "Năm 2022."),
            T(title: "Thực hiện quyết liệt các nhiệm vụ, giải pháp để đẩy nhanh tiến độ thực hiện và giải ngân vốn đầu tư công năm 2022, phấn đấu hoàn thành giải ngân 100% kế hoạch trước ngày 30/11/2022",
              lead: ["so-ke-hoach-dau-tu", "so-tai-chinh"], coordinating: ["kind:district"], deadline: "trước ngày 30/11/2022",
              indicator: IndicatorRecord(name: "Tỷ lệ giải ngân vốn đầu tư công", unit: "%", target: 100, aggregate: "average")),
          ]),
        S(code: "I.2", title: "Về huy động vốn đầu tư phát triển",
          causes: [("objective", "Do ảnh hưởng của đại dịch Covid-19, hoạt động đầu tư, mở rộng sản xuất kinh doanh của doanh nghiệp gặp nhiều khó khăn."),
                   ("subjective", "Tiến độ thực hiện của một số công trình, dự án trọng điểm còn chậm; một bộ phận nhà đầu tư, nhà thầu chưa tích cực.")],
          tasks: [
            T(title: "Tập trung tham mưu, triển khai thực hiện tốt Nghị quyết số 37/2021/QH15 ngày 13/11/2021 của Quốc hội về thí điểm một số cơ chế, chính sách đặc thù phát triển tỉnh Thanh Hóa",
              lead: ["so-ke-hoach-dau-tu", "kind:district"], coordinating: [], deadline: "Năm 2022"),
          ]),
        S(code: "I.3", title: "Chỉ tiêu giảm tỷ lệ hộ nghèo không đạt kế hoạch",
          causes: [("objective", "Dịch Covid-19 đã ảnh hưởng đến sinh kế, việc làm của người lao động; làm hạn chế khả năng vươn lên thoát nghèo."),
                   ("subjective", "Công tác lãnh đạo, chỉ đạo, điều hành của cấp ủy, chính quyền một số địa phương chưa chủ động, thiếu quyết liệt.")],
          tasks: [
            T(title: "Tham mưu cho UBND tỉnh ban hành và tổ chức thực hiện có hiệu quả Kế hoạch thực hiện Chương trình MTQG giảm nghèo bền vững giai đoạn 2021-2025",
              lead: ["so-lao-dong"], coordinating: ["kind:district"], deadline: "Năm 2022 và các năm tiếp theo.",
              indicator: IndicatorRecord(name: "Giảm tỷ lệ hộ nghèo", unit: "%", target: 1.5, aggregate: "average")),
            T(title: "Tổ chức thực hiện có hiệu quả Phương án số 198/PA-UBND ngày 02/9/2021 của UBND tỉnh về đào tạo nghề nghiệp, giải quyết việc làm cho lao động Thanh Hóa trở về từ vùng dịch",
              lead: ["so-lao-dong", "kind:district"], coordinating: [], deadline: "Năm 2022 và các năm tiếp theo."),
          ]),
        S(code: "II", title: "Công tác phòng, chống dịch Covid-19 ở một số địa phương còn hạn chế, thiếu sót",
          causes: [("objective", "Dịch Covid-19 là dịch mới, tốc độ lây lan nhanh, khó kiểm soát."),
                   ("subjective", "Ban chỉ đạo phòng chống dịch ở một số địa phương chưa thật sự sâu sát, chưa nắm chắc tình hình.")],
          tasks: [
            T(title: "Tập trung triển khai chiến dịch tiêm chủng vắc xin phòng Covid-19 trên địa bàn tỉnh đảm bảo hoàn thành tiêm chủng cho người chưa đủ mũi, người cần phải tiêm bổ sung và người tiêm mũi nhắc lại",
              lead: ["so-y-te"], coordinating: ["kind:district"], deadline: "Năm 2022 và các năm tiếp theo."),
          ]),
        S(code: "III.1.1", title: "Chuyển dịch cơ cấu cây trồng, vật nuôi, đổi mới hình thức tổ chức sản xuất chưa chuyển biến mạnh; sản phẩm nông sản hàng hóa có thương hiệu còn ít",
          causes: [("objective", "Thanh Hóa là tỉnh có địa hình phức tạp, bị chia cắt mạnh nên việc đầu tư xây dựng các công trình kết cấu hạ tầng phục vụ sản xuất nông nghiệp rất khó khăn.")],
          tasks: [
            T(title: "Khẩn trương xây dựng Bản đồ nông hóa phục vụ thâm canh chuyển đổi cơ cấu cây trồng và quản lý, sử dụng bền vững tài nguyên đất sản xuất nông nghiệp tỉnh Thanh Hóa (giai đoạn 1)",
              lead: ["so-nong-nghiep"], coordinating: ["so-tai-nguyen-moi-truong"], deadline: "Quý IV/2022"),
            T(title: "Đẩy mạnh chuyển dịch cơ cấu cây trồng, vật nuôi theo hướng phù hợp lợi thế và nhu cầu thị trường, thích ứng với biến đổi khí hậu",
              lead: ["so-nong-nghiep", "kind:district"], coordinating: [], deadline: "Năm 2022 và các năm tiếp theo."),
          ]),
        S(code: "III.1.2", title: "Dịch tả lợn Châu Phi tái xảy ra tại một số địa phương",
          causes: [("unspecified", "Việc kiểm soát vận chuyển, giết mổ và tái đàn ở một số địa phương chưa chặt chẽ.")],
          tasks: [
            T(title: "Tiếp tục tập trung chỉ đạo, hướng dẫn UBND các huyện, thị xã, thành phố tăng cường thực hiện các biện pháp phòng, chống dịch bệnh dịch tả lợn Châu Phi theo Quyết định số 972/QĐ-TTg",
              lead: ["so-nong-nghiep", "kind:district"], coordinating: [], deadline: "Năm 2022 và các năm tiếp theo."),
          ]),
        S(code: "III.2", title: "Lĩnh vực công nghiệp: Một số sản phẩm công nghiệp chủ yếu có sản lượng không đạt kế hoạch như: Bia Thanh Hóa, thuốc lá…",
          causes: [],
          tasks: [
            T(title: "Khảo sát, làm rõ nguyên nhân của việc giảm sản lượng một số sản phẩm; xây dựng kế hoạch làm việc cụ thể với từng doanh nghiệp để tháo gỡ khó khăn",
              lead: ["so-cong-thuong"], coordinating: [], deadline: "Trong quý 3 năm 2022"),
          ]),
        S(code: "VI.1", title: "Cơ sở vật chất, trang thiết bị dạy và học nhất là khu vực miền núi vẫn còn khó khăn",
          causes: [("objective", "Nguồn kinh phí hỗ trợ của Trung ương, nguồn ngân sách địa phương đầu tư tăng cường cơ sở vật chất còn hạn chế.")],
          tasks: [
            T(title: "Tăng cường cơ sở vật chất, thiết bị dạy học để thực hiện chương trình sách giáo khoa theo chương trình giáo dục phổ thông 2018",
              lead: ["so-giao-duc", "kind:district"], coordinating: ["so-tai-chinh"], deadline: "Năm 2022 và các năm tiếp theo."),
          ]),
        S(code: "VI.3", title: "Năng lực hệ thống y tế cơ sở, y tế dự phòng còn yếu; tỷ lệ bác sỹ làm việc tại các trạm y tế chưa đảm bảo theo quy định",
          causes: [],
          tasks: [
            T(title: "Tổ chức tuyển dụng bổ sung nhân lực cho Trạm y tế xã theo chỉ tiêu được giao, ưu tiên bác sỹ tại trạm y tế",
              lead: ["so-y-te", "kind:district"], coordinating: ["so-noi-vu"], deadline: "6 tháng cuối năm 2022",
              indicator: IndicatorRecord(name: "Số bác sỹ tuyển dụng về trạm y tế xã", unit: "người", target: 120, aggregate: "sum")),
          ]),
        S(code: "VI.4", title: "Số tiền nợ BHXH, BHYT, bảo hiểm thất nghiệp trong các doanh nghiệp và các đơn vị hành chính sự nghiệp có xu hướng tăng",
          causes: [],
          tasks: [
            T(title: "Tăng cường thực hiện các giải pháp xử lý và hạn chế tình trạng trốn đóng, nợ đóng BHXH, BHYT, BHTN trong các doanh nghiệp",
              lead: ["so-lao-dong", "bhxh-tinh"], coordinating: [], deadline: "Năm 2022 và các năm tiếp theo."),
          ]),
        S(code: "VIII.1", title: "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) giảm 4 bậc, một số chỉ số thành phần xếp thứ hạng thấp so với cả nước",
          causes: [],
          tasks: [
            T(title: "Nâng cao chất lượng cải cách hành chính và quản trị hành chính công, phấn đấu nâng cao thứ hạng các chỉ số PCI, PAPI, PAR INDEX, SIPAS",
              lead: ["so-noi-vu", "so-ke-hoach-dau-tu"], coordinating: ["kind:district"], deadline: "Năm 2022 và các năm tiếp theo."),
          ]),
        S(code: "IX.1", title: "Vẫn còn xảy ra tình trạng xuất, nhập cảnh trái phép, hoạt động tôn giáo trái pháp luật; tình hình mua bán, vận chuyển, sử dụng trái phép ma túy vẫn còn diễn biến phức tạp",
          causes: [],
          tasks: [
            T(title: "Tham mưu tổ chức triển khai thực hiện có hiệu quả Đề án đảm bảo an ninh, trật tự KKT Nghi Sơn giai đoạn 2021 - 2025",
              lead: ["cong-an-tinh"], coordinating: ["kind:district"], deadline: "Khắc phục từng bước, đảm bảo ổn định tình hình."),
          ]),
    ]

    /// Loads everything into an empty database as of `now`; reports are only
    /// those that would have arrived by then. Returns the demo tokens.
    @discardableResult
    public static func load(into store: Store, now: Date = Date()) throws -> DemoSummary {
        let clock = APIClock.fixed(now)
        let ctx = APIContext(store: store, clock: clock)
        let createdAt = Timestamp.format(now)
        if try store.read({ try UnitStore.exists("tinh-thanh-hoa", in: $0) }) { throw DemoError.alreadyLoaded }

        // Units and tokens.
        try store.write { c in
            for u in units {
                try UnitStore.insert(UnitRecord(id: u.id, name: u.name, kind: u.kind, parentID: u.parent, createdAt: createdAt,
                                                contact: contacts[u.id] ?? UnitContact()),
                                     nameKey: VietnameseText.searchKey(u.name), in: c)
            }
            for t in tokens where try TokenStore.find(hash: TokenService.hash(t.token), in: c) == nil {
                _ = try TokenStore.insert(TokenRecord(hash: TokenService.hash(t.token), role: t.role, unitID: t.unitID,
                                                      label: "demo \(t.role.rawValue)" + (t.unitID.map { " \($0)" } ?? ""), createdAt: createdAt), in: c)
            }
        }

        // Plan 83/KH-UBND.
        let issuedOn = CivilDate(year: 2022, month: 3, day: 24)!
        let tree = try records(shortcomings)
        let planRecord = PlanRecord(number: "83/KH-UBND",
                                    title: "Kế hoạch khắc phục những hạn chế, yếu kém trong thực hiện các nhiệm vụ phát triển kinh tế - xã hội, quốc phòng - an ninh năm 2021",
                                    issuerID: "tinh-thanh-hoa", issuedOn: issuedOn, signer: "Đỗ Minh Tuấn",
                                    aggregatorID: "so-ke-hoach-dau-tu", schedule: .quarterly15, createdAt: createdAt, updatedAt: createdAt)
        let (plan, stored) = try store.write { c in try PlanStore.insert(planRecord, shortcomings: tree, in: c) }

        // Reports: quarter by quarter, each lead unit on time, late, missing or revised by a fixed pattern.
        let admin = try store.read { try TokenStore.find(hash: TokenService.hash("demo-admin"), in: $0) }
        let principal = Principal(tokenID: admin?.id ?? 0, role: .admin, unitID: nil, label: "demo")
        let directory = try store.read { try UnitDirectory.load($0) }
        let snap = PlanSnapshot(plan: plan, tasks: stored.flatMap(\.tasks), units: directory, extensions: [:])
        let today = VietnamTime.localDate(of: now)
        let periods = plan.schedule.periods(issuedOn: issuedOn, through: today).filter(\.expectsReports).prefix(6)
        var items: [ReportItem] = []
        var completed: Set<String> = []
        for (pi, info) in periods.enumerated() {
            for (ti, task) in snap.tasks.enumerated() {
                for (ui, unit) in snap.lead(task).enumerated() {
                    let key = "\(task.id)/\(unit)"
                    if completed.contains(key) { continue }
                    let pattern = (ti * 7 + ui * 3 + pi * 5) % 10
                    if pattern >= 8 { continue }                      // missing
                    let late = pattern == 6 || pattern == 7
                    let offset = late ? 3 + pattern : -(1 + (ti + ui) % 5)
                    let receivedDay = info.dueOn.adding(days: offset)
                    let received = VietnamTime.startOfDay(receivedDay).addingTimeInterval(TimeInterval(8 * 3600 + (ti * 600 + ui * 60) % 28_800))
                    guard received <= now else { continue }
                    let base = Double((ti * 13 + ui * 7) % 30 + 10)
                    let progress = min(100, base + Double(pi) * 25)
                    let done = progress >= 100
                    var item = ReportItem(path: "", taskID: task.id, unitID: unit, period: info.period.description,
                                          reportDate: receivedDay.description, status: done ? "completed" : (progress > 0 ? "in_progress" : "not_started"),
                                          progress: progress, completedOn: done ? receivedDay.adding(days: -1).description : nil,
                                          result: done ? "Đã hoàn thành nhiệm vụ theo Kế hoạch 83/KH-UBND." : "Đang triển khai thực hiện; đã ban hành văn bản chỉ đạo, hướng dẫn.",
                                          obstacles: late ? "Chậm tổng hợp số liệu từ các đơn vị trực thuộc." : nil,
                                          proposals: nil, indicatorValue: task.indicator.map { ind in
                                              // averages climb towards the target (a 1.5 % poverty cut, a 100 % disbursement) quarter by quarter
                                              ind.aggregate == "sum" ? Double(5 + (ti + ui + pi) % 7)
                                                  : ((ind.target ?? 100) * min(1, 0.3 + Double(pi) * 0.2 + Double(ui) * 0.03) * 100).rounded() / 100 },
                                          receivedAtGiven: true, receivedAt: received, issues: [], badFields: [])
                    items.append(item)
                    if done { completed.insert(key) }
                    if pattern == 1 {                                  // a revised report the next day
                        let later = received.addingTimeInterval(86_400)
                        if later <= now, !done {
                            item.progress = min(99, progress + 5)
                            item.reportDate = receivedDay.adding(days: 1).description
                            item.result = "Báo cáo bổ sung: cập nhật số liệu."
                            item.receivedAt = later
                            items.append(item)
                        }
                    }
                }
            }
        }
        // Arrival order, as the server would have seen them.
        items.sort { ($0.receivedAt ?? now) < ($1.receivedAt ?? now) }
        let frozenItems = items
        let reports = try store.write { c in try ctx.insertReports(frozenItems, principal: principal, now: now, c) }

        // The aggregator locked 2022-Q2 after reviewing it.
        if let q2 = ReportingPeriod("2022-Q2"), let due = plan.schedule.dueOn(q2), due.adding(days: 30) <= today {
            let lockedAt = Timestamp.format(VietnamTime.startOfDay(due.adding(days: 30)).addingTimeInterval(9 * 3600))
            _ = try store.write { c in try PeriodLockStore.lock(PeriodLockRecord(planID: plan.id, period: q2, lockedAt: lockedAt,
                                                                              lockedBy: principal.tokenID), in: c) }
        }
        // A second plan with reports up to today, so the demo always has a living quarter.
        let (current, currentReports) = try loadCurrentPlan(into: store, ctx: ctx, principal: principal, now: now)
        return DemoSummary(tokens: tokens, planID: plan.id, units: directory.records.count, tasks: snap.tasks.count,
                           reports: reports.count + currentReports, currentPlanID: current)
    }
}
