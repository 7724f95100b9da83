import Testing
import Foundation
@testable import TiendoDomain

func fact(_ task: Int, _ unit: String, _ period: String, rev: Int = 1, at: String, _ status: ReportStatus = .inProgress,
          _ progress: Double = 50, completedOn: String? = nil) -> ReportFact {
    ReportFact(taskId: task, unitId: unit, period: ReportingPeriod(period)!, revision: rev, receivedAt: instant(at),
               status: status, progress: progress, completedOn: completedOn.flatMap(CivilDate.init))
}

@Suite struct TaskStatusTests {
    let q2 = Deadline.inQuarter(year: 2022, quarter: 2, phrase: "Trong quý 2 năm 2022") // due 2022-06-30

    func eval(_ deadline: Deadline, _ reports: [ReportFact], asOf: String, leads: [String] = ["so-y-te", "so-tai-chinh"],
              extensions: [DeadlineExtension] = []) -> TaskStatusResult {
        TaskStatusEvaluator.evaluate(TaskStatusInput(taskId: 1, deadline: deadline, extensions: extensions, leadUnits: leads, reports: reports),
                                     asOf: day(asOf))
    }

    @Test(arguments: [
        ("2022-05-01", TaskStatus.notStarted, TaskBucket.openWithinDeadline),
        ("2022-05-30", .notStarted, .openWithinDeadline),
        ("2022-05-31", .dueSoon, .openWithinDeadline),   // due_on = D + 30
        ("2022-06-30", .dueSoon, .openWithinDeadline),   // due today: not overdue
        ("2022-07-01", .overdue, .openOverdue),          // the day after
    ])
    func dueBoundaries(asOf: String, status: TaskStatus, bucket: TaskBucket) {
        let r = eval(q2, [], asOf: asOf)
        #expect(r.status == status)
        #expect(r.bucket == bucket)
        #expect(r.progress == 0)
        #expect(r.daysOverdue == (status == .overdue ? 1 : 0))
    }

    @Test func completionNeedsEveryLead() {
        let reports = [
            fact(1, "so-y-te", "2022-Q2", at: "2022-06-21T09:00:00+07:00", .completed, 100, completedOn: "2022-06-20"),
            fact(1, "so-tai-chinh", "2022-Q2", at: "2022-06-10T09:00:00+07:00", .inProgress, 50),
            fact(1, "so-tai-chinh", "2022-Q3", at: "2022-07-05T09:00:00+07:00", .completed, 100, completedOn: "2022-07-05"),
            fact(1, "huyen-hoang-hoa", "2022-Q2", at: "2022-06-01T09:00:00+07:00", .inProgress, 0), // coordinating: ignored
        ]
        let before = eval(q2, reports, asOf: "2022-06-25")
        #expect(before.status == .dueSoon)
        #expect(before.progress == 75)
        let overdue = eval(q2, reports, asOf: "2022-07-04") // so-tai-chinh's completion not yet received
        #expect(overdue.status == .overdue && overdue.daysOverdue == 4)
        #expect(overdue.bucket == .openOverdue)
        let done = eval(q2, reports, asOf: "2022-07-10")
        #expect(done.status == .completed)
        #expect(done.progress == 100)
        #expect(done.completedOn == day("2022-07-05")) // the latest of the leads'
        #expect(done.completedLate == true)
        #expect(done.bucket == .completedLate)
        #expect(done.leads.map(\.unitId) == ["so-y-te", "so-tai-chinh"])
    }

    @Test func extensionChangesCurrentDeadlineOnly() {
        let ext = DeadlineExtension(deadline: Deadline.inQuarter(year: 2022, quarter: 3), reason: "Chờ hướng dẫn của Bộ", grantedOn: day("2022-06-25"))
        let reports = [
            fact(1, "so-y-te", "2022-Q3", at: "2022-07-06T09:00:00+07:00", .completed, 100, completedOn: "2022-07-05"),
            fact(1, "so-tai-chinh", "2022-Q3", at: "2022-07-06T09:00:00+07:00", .completed, 100, completedOn: "2022-07-01"),
        ]
        let early = eval(q2, [], asOf: "2022-06-20", extensions: [ext]) // not granted yet
        #expect(early.deadline == q2 && early.extensionsApplied == 0)
        let open = eval(q2, [], asOf: "2022-07-02", extensions: [ext])
        #expect(open.status == .notStarted) // Q3 due 09-30: not overdue, not due soon
        #expect(open.bucket == .openWithinDeadline)
        #expect(open.bucketAgainstOriginal == .openOverdue)
        #expect(open.dueOn == day("2022-09-30") && open.originalDueOn == day("2022-06-30"))
        let done = eval(q2, reports, asOf: "2022-07-10", extensions: [ext])
        #expect(done.status == .completed)
        #expect(done.completedLate == false && done.completedLateAgainstOriginal == true)
        #expect(done.bucket == .completedOnTime && done.bucketAgainstOriginal == .completedLate)
        // Several extensions: the last granted counts.
        let ext2 = DeadlineExtension(deadline: Deadline.inYear(2022), reason: "Gia hạn lần 2", grantedOn: day("2022-09-20"))
        #expect(eval(q2, [], asOf: "2022-10-01", extensions: [ext, ext2]).status == .notStarted)
        #expect(eval(q2, [], asOf: "2022-10-01", extensions: [ext, ext2]).extensionsApplied == 2)
        #expect(eval(q2, [], asOf: "2022-09-19", extensions: [ext, ext2]).status == .dueSoon)
    }

    @Test func openEndedDeadlines() {
        let fy = Deadline.fromYear(2022)
        #expect(eval(fy, [], asOf: "2030-01-01").status == .ongoing)
        #expect(eval(fy, [], asOf: "2030-01-01").bucket == .openWithinDeadline)
        let some = [fact(1, "so-y-te", "2022-Q2", at: "2022-06-10T09:00:00+07:00", .inProgress, 40)]
        #expect(eval(fy, some, asOf: "2022-07-01").status == .ongoing)
        #expect(eval(fy, some, asOf: "2022-07-01").progress == 20)
        let done = [fact(1, "so-y-te", "2022-Q2", at: "2022-06-10T09:00:00+07:00", .completed, 100, completedOn: "2022-06-10")]
        let r = eval(.continuous(), done, asOf: "2022-07-01", leads: ["so-y-te"])
        #expect(r.status == .completed && r.completedLate == nil && r.bucket == .completedOnTime)
    }

    @Test func inProgressVersusNotStarted() {
        let y = Deadline.inYear(2023)
        #expect(eval(y, [fact(1, "so-y-te", "2022-Q2", at: "2022-06-10T09:00:00+07:00", .inProgress, 10)], asOf: "2022-07-01").status == .inProgress)
        #expect(eval(y, [fact(1, "so-y-te", "2022-Q2", at: "2022-06-10T09:00:00+07:00", .notStarted, 0)], asOf: "2022-07-01").status == .notStarted)
        // Received after D: not known yet.
        #expect(eval(y, [fact(1, "so-y-te", "2022-Q2", at: "2022-07-02T00:00:00+07:00", .inProgress, 10)], asOf: "2022-07-01").status == .notStarted)
        // Received 23:59:59 local on D: known.
        #expect(eval(y, [fact(1, "so-y-te", "2022-Q2", at: "2022-07-01T23:59:59+07:00", .inProgress, 10)], asOf: "2022-07-01").status == .inProgress)
        // No leads at all: never completed, progress 0.
        #expect(eval(y, [], asOf: "2022-07-01", leads: []).status == .notStarted)
    }

    @Test func latestIsByReceivedAtThenRevision() {
        let t = "2022-06-10T09:00:00+07:00"
        let reports = [
            fact(1, "so-y-te", "2022-Q2", rev: 2, at: t, .inProgress, 70),
            fact(1, "so-y-te", "2022-Q2", rev: 1, at: t, .inProgress, 20),
            fact(1, "so-y-te", "2022-Q1", rev: 1, at: "2022-06-11T09:00:00+07:00", .inProgress, 30), // received later: latest
        ]
        #expect(eval(.inYear(2023), reports, asOf: "2022-06-10", leads: ["so-y-te"]).progress == 70)
        #expect(eval(.inYear(2023), reports, asOf: "2022-06-12", leads: ["so-y-te"]).progress == 30)
    }

    @Test func bucketTotals() {
        let results = [
            eval(q2, [], asOf: "2022-07-01"),
            eval(q2, [], asOf: "2022-06-01"),
            eval(.fromYear(2022), [], asOf: "2030-01-01"),
            eval(.continuous(), [fact(1, "so-y-te", "2022-Q2", at: "2022-06-10T09:00:00+07:00", .completed, 100, completedOn: "2022-06-10")], asOf: "2022-07-01", leads: ["so-y-te"]),
        ]
        let b = TaskStatusEvaluator.buckets(results)
        #expect(b.openOverdue == 1 && b.openWithinDeadline == 2 && b.completedOnTime == 1 && b.completedLate == 0 && b.total == 4)
        #expect((try? json(b)) == #"{"completed_late":0,"completed_on_time":1,"open_overdue":1,"open_within_deadline":2}"#)
    }
}
