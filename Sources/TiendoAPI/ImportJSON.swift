// The import's draft, warnings and stats as JSON, and the draft as a POST /plans body.

import TiendoDomain

func assigneesJSON(_ list: [String?]) -> JSON { .array(list.map { JSON.str($0) }) }

/// The draft as the import answers it: the POST /plans fields plus the document's words.
func draftJSON(_ d: PlanDraft) -> JSON {
    .obj([
        ("number", .str(d.number)), ("title", .str(d.title)), ("issuer_id", .str(d.issuerId)), ("issued_on", d.issuedOn.json),
        ("signer", .str(d.signer)), ("aggregator_id", .str(d.aggregatorId)),
        ("schedule", d.schedule.map(scheduleJSON) ?? .null),
        ("issuer_text", .str(d.issuerText)), ("schedule_text", .str(d.scheduleText)),
        ("shortcomings", .array(d.shortcomings.map { s in
            .obj([
                ("code", .string(s.code)), ("title", .string(s.title)),
                ("causes", .array(s.causes.map { .obj([("kind", .string($0.kind)), ("text", .string($0.text))]) })),
                ("line", .num(s.line)),
                ("tasks", .array(s.tasks.map { t in
                    .obj([
                        ("title", .string(t.title)),
                        ("lead", assigneesJSON(t.lead)), ("coordinating", assigneesJSON(t.coordinating)),
                        ("lead_text", .array(t.leadText.map { .string($0) })),
                        ("coordinating_text", .array(t.coordinatingText.map { .string($0) })),
                        ("deadline", t.deadline.map(deadlineJSON) ?? .null), ("deadline_text", .str(t.deadlineText)),
                        ("lines", .array(t.lines.map { .num($0) })),
                    ])
                })),
            ])
        })),
    ])
}

func warningsJSON(_ list: [ImportWarning]) -> JSON {
    .array(list.map { w in
        .obj([("line", .num(w.line)), ("code", .string(w.code)), ("text", .string(w.text)),
              ("candidates", .array(w.candidates.map { .string($0) })), ("message", .string(w.message)),
              ("message_vi", .string(ImportWarningMessages.vietnamese(w.code))), ("blocking", .bool(w.blocking))])
    })
}

func statsJSON(_ s: ImportStats) -> JSON {
    .obj([("shortcomings", .num(s.shortcomings)), ("tasks", .num(s.tasks)), ("units_resolved", .num(s.unitsResolved)),
          ("units_unresolved", .num(s.unitsUnresolved)), ("deadlines_unresolved", .num(s.deadlinesUnresolved))])
}

/// The POST /plans body for a complete draft (every unit and deadline resolved).
func planBody(_ d: PlanDraft) -> JSON {
    var pairs: [(String, JSON)] = [
        ("number", .str(d.number)), ("title", .str(d.title)), ("issuer_id", .str(d.issuerId)), ("issued_on", d.issuedOn.json),
        ("aggregator_id", .str(d.aggregatorId)),
    ]
    if let s = d.signer { pairs.append(("signer", .string(s))) }
    if let s = d.schedule {
        var sp: [(String, JSON)] = [("frequency", .string(s.frequency.rawValue)), ("due_day", .num(s.dueDay)),
                                    ("strict", .bool(s.strict)), ("window", .string(s.window.rawValue)),
                                    ("working_days", .string(s.workingDays.rawValue))]
        if s.frequency == .once { sp.append(("due_on", s.onceDueOn.json)) }
        pairs.append(("schedule", .obj(sp)))
    }
    pairs.append(("shortcomings", .array(d.shortcomings.map { s in
        .obj([("code", .string(s.code)), ("title", .string(s.title)),
              ("causes", .array(s.causes.map { .obj([("kind", .string($0.kind)), ("text", .string(String($0.text.prefix(20_000))))]) })),
              ("tasks", .array(s.tasks.map { t in
                  var deadline: JSON = .null
                  if let dl = t.deadline {
                      var dp: [(String, JSON)] = [("kind", .string(dl.kind.rawValue))]
                      if let y = dl.year { dp.append(("year", .num(y))) }
                      if let m = dl.month { dp.append(("month", .num(m))) }
                      if let q = dl.quarter { dp.append(("quarter", .num(q))) }
                      if let h = dl.half { dp.append(("half", .num(h))) }
                      if let date = dl.date { dp.append(("date", date.json)); dp.append(("strict", .bool(dl.strict))) }
                      if let time = dl.time { dp.append(("time", .string(time))) }
                      if let p = dl.phrase { dp.append(("phrase", .string(String(p.prefix(500))))) }
                      deadline = .obj(dp)
                  }
                  return .obj([("title", .string(t.title)), ("lead", assigneesJSON(t.lead)),
                               ("coordinating", assigneesJSON(t.coordinating)), ("deadline", deadline)])
              }))])
    })))
    return .obj(pairs)
}
