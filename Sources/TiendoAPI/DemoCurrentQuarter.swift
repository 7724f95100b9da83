// Demo data that stays alive whatever the date: plan 63/KH-UBND (seed 004, the
// 2025 plan whose reports go to Sở Tài chính) with reports up to the server's
// today — earlier quarters on time, late or missing by a fixed pattern, and in
// today's quarter some units already reported and the rest still owing, so the
// chase list and the clerks' "what to report now" always have something to show.
// Issued on its real date (8/4/2025) when the clock is at least a quarter past
// it; on an earlier clock (a replay with TIENDO_NOW) it is issued at the start of
// the quarter before today's, so it still has a past and a present quarter.

import Foundation
import TiendoDomain
import TiendoSQLite
import TiendoStore

extension DemoData {
    static func currentTasks(year: Int) -> [S] {
        let ongoing = "Năm \(year) và các năm tiếp theo"
        return [
            S(code: "1", title: "Ứng dụng công nghệ cao trong sản xuất nông nghiệp chưa nhiều",
              causes: [("subjective", "Chưa thu hút được nhiều doanh nghiệp đầu tư vào nông nghiệp công nghệ cao.")],
              tasks: [T(title: "Đẩy mạnh ứng dụng công nghệ cao trong sản xuất nông nghiệp; xây dựng các vùng sản xuất tập trung",
                        lead: ["so-nong-nghiep", "kind:district"], coordinating: [], deadline: ongoing)]),
            S(code: "2", title: "Một số sản phẩm công nghiệp chủ yếu có sản lượng thấp so với kế hoạch và giảm so với cùng kỳ",
              causes: [("objective", "Thị trường tiêu thụ khó khăn, giá nguyên liệu đầu vào tăng.")],
              tasks: [T(title: "Làm việc với từng doanh nghiệp để tháo gỡ khó khăn, phục hồi sản lượng các sản phẩm công nghiệp chủ yếu",
                        lead: ["so-cong-thuong"], coordinating: [], deadline: "Năm \(year)")]),
            S(code: "3", title: "Số lượt khách du lịch tuy tăng mạnh, song tỷ trọng khách lưu trú còn thấp",
              causes: [],
              tasks: [T(title: "Phát triển sản phẩm du lịch đặc thù, kéo dài thời gian lưu trú của khách",
                        lead: ["so-van-hoa-the-thao-du-lich", "kind:district"], coordinating: [], deadline: ongoing)]),
            S(code: "6", title: "Một số đơn vị có tỷ lệ giải ngân vốn đầu tư công đạt thấp so với bình quân chung của tỉnh",
              causes: [("subjective", "Công tác lãnh đạo, chỉ đạo của một số địa phương chưa sâu sát, quyết liệt.")],
              tasks: [T(title: "Đẩy nhanh tiến độ giải ngân vốn đầu tư công; xử lý nghiêm chủ đầu tư chậm giải ngân",
                        lead: ["so-tai-chinh", "kind:district"], coordinating: [], deadline: ongoing,
                        indicator: IndicatorRecord(name: "Tỷ lệ giải ngân vốn đầu tư công", unit: "%", target: 100, aggregate: "average"))]),
            S(code: "7", title: "Tình trạng thiếu giáo viên dần được cải thiện, nhưng chưa đáp ứng được nhu cầu",
              causes: [],
              tasks: [T(title: "Tuyển dụng đủ giáo viên theo chỉ tiêu biên chế được giao",
                        lead: ["so-giao-duc", "kind:district"], coordinating: ["so-noi-vu"], deadline: ongoing)]),
            S(code: "8", title: "Một số bệnh viện gặp khó khăn trong thực hiện cơ chế tự chủ tài chính, nhất là tuyến huyện và miền núi",
              causes: [],
              tasks: [T(title: "Hướng dẫn, hỗ trợ các bệnh viện tuyến huyện thực hiện cơ chế tự chủ tài chính",
                        lead: ["so-y-te"], coordinating: ["so-tai-chinh"], deadline: ongoing)]),
        ]
    }

    /// Loads plan 63/KH-UBND with reports up to `now`; returns its id and how many reports it stored.
    static func loadCurrentPlan(into store: Store, ctx: APIContext, principal: Principal, now: Date) throws -> (Int64, Int) {
        let today = VietnamTime.localDate(of: now)
        let realIssue = CivilDate(year: 2025, month: 4, day: 8)!
        let issuedOn = today >= realIssue.adding(days: 100) ? realIssue : today.startOfQuarter.adding(months: -3)
        let createdAt = Timestamp.format(now)
        let tree = try records(currentTasks(year: issuedOn.year))
        let record = PlanRecord(number: "63/KH-UBND",
                                title: "Kế hoạch khắc phục những hạn chế, yếu kém trong thực hiện các nhiệm vụ phát triển kinh tế - xã hội, bảo đảm quốc phòng - an ninh năm 2024",
                                issuerID: "tinh-thanh-hoa", issuedOn: issuedOn, signer: "Đầu Thanh Tùng",
                                aggregatorID: "so-tai-chinh", schedule: .quarterly15, createdAt: createdAt, updatedAt: createdAt)
        let (plan, stored) = try store.write { c in try PlanStore.insert(record, shortcomings: tree, in: c) }
        let directory = try store.read { try UnitDirectory.load($0) }
        let snap = PlanSnapshot(plan: plan, tasks: stored.flatMap(\.tasks), units: directory, extensions: [:])

        let periods = plan.schedule.periods(issuedOn: issuedOn, through: today).filter { $0.expectsReports && $0.opens <= today }
        var items: [ReportItem] = []
        for (pi, info) in periods.enumerated() {
            let current = info.dueOn >= today || pi == periods.count - 1
            for (ti, task) in snap.tasks.enumerated() {
                for (ui, unit) in snap.lead(task).enumerated() {
                    let pattern = (ti * 5 + ui * 3 + pi * 7) % 10
                    var received: Date
                    if current {
                        // Today's quarter: four units in ten have reported already, the rest still owe it.
                        guard pattern < 4 else { continue }
                        let day = max(info.firstDay, today.adding(days: -(1 + (ti + ui) % 9)))
                        received = VietnamTime.startOfDay(day).addingTimeInterval(TimeInterval(8 * 3600 + ui * 600))
                        if received > now { received = now.addingTimeInterval(-60) }
                        if VietnamTime.localDate(of: received) < info.firstDay { continue }
                    } else {
                        if pattern == 9 { continue }                   // missing
                        let late = pattern == 7 || pattern == 8
                        let day = info.dueOn.adding(days: late ? 2 + pattern : -(1 + (ti + ui) % 5))
                        received = VietnamTime.startOfDay(day).addingTimeInterval(TimeInterval(9 * 3600 + ui * 600))
                        guard received <= now else { continue }
                    }
                    let day = VietnamTime.localDate(of: received)
                    let progress = Double(min(95, 10 + (ti * 7 + ui * 5) % 20 + pi * 15))
                    items.append(ReportItem(path: "", taskID: task.id, unitID: unit, period: info.period.description,
                                            reportDate: day.description, status: "in_progress", progress: progress,
                                            result: "Đã triển khai kế hoạch thực hiện; tiến độ đạt khoảng \(Int(progress))%.",
                                            obstacles: pattern == 7 || pattern == 8 ? "Chậm tổng hợp số liệu từ các xã." : nil,
                                            proposals: nil, indicatorValue: task.indicator.map { _ in progress },
                                            receivedAtGiven: true, receivedAt: received, issues: [], badFields: []))
                }
            }
        }
        items.sort { ($0.receivedAt ?? now) < ($1.receivedAt ?? now) }
        let frozenItems = items
        let reports = try store.write { c in try ctx.insertReports(frozenItems, principal: principal, now: now, c) }
        return (plan.id, reports.count)
    }
}
