// The pages' one stylesheet and icon, served as static files (the CSP allows
// styles from 'self' only: no inline style anywhere). Colours keep a contrast
// of at least 4.5:1 on white; the print rules give a plain table to sign.

import TiendoHTTP

enum Stylesheet {
    static let path = "/static/tiendo.css"
    static let iconPath = "/static/favicon.svg"

    static func response(_ text: String, type: String) -> HTTPResponse {
        var r = HTTPResponse(status: 200, headers: ["Content-Type": type], body: Array(text.utf8))
        r.headers.set("Cache-Control", "public, max-age=3600")
        PageHeaders.apply(&r)
        return r
    }

    static let icon = """
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0b4f8a"/><path d="M4 8.5l2.5 2.5L12 5" stroke="#fff" stroke-width="2" fill="none"/></svg>
    """

    static let css = """
    :root { --ink: #1b1f24; --muted: #4a5561; --line: #c9d1d9; --brand: #0b4f8a; --bg: #f6f8fa;
      --ok: #1a6b34; --ok-bg: #dcf3e3; --late: #8a4b00; --late-bg: #fde9c8; --bad: #a1161f; --bad-bg: #fbdde0;
      --wait: #3d4a57; --wait-bg: #e8edf2; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.5 system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: var(--ink); background: #fff; }
    a { color: var(--brand); }
    a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #f0b400; outline-offset: 2px; }
    .skip { position: absolute; left: -999px; top: 0; }
    .skip:focus { left: 8px; background: #fff; padding: 4px 8px; z-index: 2; }
    header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 24px; padding: 10px 16px; background: var(--brand); }
    header.top a, header.top button.link { color: #fff; }
    .brand { font-weight: 700; font-size: 1.2rem; text-decoration: none; }
    nav { display: flex; flex-wrap: wrap; gap: 8px 18px; align-items: center; }
    main { max-width: 1180px; margin: 0 auto; padding: 12px 16px 32px; }
    h1 { font-size: 1.5rem; line-height: 1.3; margin: 12px 0; }
    h2 { font-size: 1.2rem; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
    footer { color: var(--muted); font-size: 0.85rem; padding: 16px; border-top: 1px solid var(--line); text-align: center; }
    .muted { color: var(--muted); }
    .notice { padding: 10px 14px; border-radius: 4px; background: var(--wait-bg); }
    .notice.error { background: var(--bad-bg); color: var(--bad); border-left: 4px solid var(--bad); }
    .notice.ok { background: var(--ok-bg); color: var(--ok); border-left: 4px solid var(--ok); }
    .table-wrap { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 0.95rem; }
    th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
    thead th { background: var(--bg); }
    td.num, th.num { text-align: right; white-space: nowrap; }
    .on_time, .s-completed { background: var(--ok-bg); color: var(--ok); }
    .late, .s-overdue { background: var(--late-bg); color: var(--late); }
    .missing { background: var(--bad-bg); color: var(--bad); font-weight: 600; }
    .pending, .none { background: var(--wait-bg); color: var(--wait); }
    .returned-comment { font-weight: normal; margin-top: 4px; }
    details.clerk-form { margin: 12px 0; } details.clerk-form summary { cursor: pointer; font-weight: 600; }
    .legend span { display: inline-block; padding: 2px 8px; margin: 2px 6px 2px 0; border-radius: 3px; }
    .grid td, .grid th { text-align: center; min-width: 3.2em; }
    .grid th[scope=row] { text-align: left; min-width: 14em; }
    .progress svg { vertical-align: middle; }
    .progress rect.track { fill: #e1e6eb; }
    .progress rect.fill { fill: var(--brand); }
    figure.chart { margin: 8px 0 16px; max-width: 560px; }
    svg.buckets text.label { font-size: 13px; fill: var(--ink); }
    svg.buckets text.value { font-size: 13px; font-weight: 700; fill: var(--ink); }
    svg.buckets rect.completed_on_time { fill: #2e8b57; }
    svg.buckets rect.completed_late { fill: #7a9a3a; }
    svg.buckets rect.open_within_deadline { fill: #3a76b0; }
    svg.buckets rect.open_overdue { fill: #c0392b; }
    form.inline { display: inline; margin: 0; }
    button.link { background: none; border: 0; padding: 0; font: inherit; text-decoration: underline; cursor: pointer; }
    .field { margin: 0 0 12px; }
    .field label { display: block; font-weight: 600; margin-bottom: 2px; }
    .field .hint { display: block; color: var(--muted); font-size: 0.85rem; }
    input[type=text], input[type=password], input[type=date], select, textarea { font: inherit; padding: 6px 8px; border: 1px solid #6b7785; border-radius: 3px; width: 100%; max-width: 32em; }
    textarea { min-height: 4.5em; }
    .field.has-error input, .field.has-error select, .field.has-error textarea { border: 2px solid var(--bad); }
    .field-error { color: var(--bad); font-weight: 600; margin: 2px 0 0; }
    button.primary, .button { background: var(--brand); color: #fff; border: 0; border-radius: 4px; padding: 8px 16px; font: inherit; cursor: pointer; text-decoration: none; display: inline-block; }
    .actions { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin: 8px 0 16px; }
    .kv { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0 16px; }
    .kv dt { font-weight: 600; color: var(--muted); }
    .kv dd { margin: 0; }
    .batch td input, .batch td select, .batch td textarea { max-width: none; }
    /* In the whole-period table the column header names each field; the labels stay for screen readers. */
    .batch td .field > label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    .batch td select { min-width: 11em; }
    .pre { white-space: pre-wrap; }
    textarea.document { max-width: none; min-height: 20em; font-size: 0.95rem; }
    form.import .actions button { font: inherit; padding: 8px 16px; }
    ol.tasks { padding-left: 1.6em; }
    ol.tasks li { margin-bottom: 10px; }
    ol.tasks p { margin: 0; }
    .task-facts { font-size: 0.9rem; }
    tr.blocking th, tr.blocking td { font-weight: 600; }
    .sign { display: none; }
    @media (max-width: 640px) {
      body { font-size: 15px; }
      .kv { grid-template-columns: 1fr; }
      table.stack thead { display: none; }
      table.stack tr { display: block; border: 1px solid var(--line); margin-bottom: 8px; }
      table.stack td, table.stack th[scope=row] { display: block; border: 0; border-bottom: 1px solid var(--bg); text-align: left; }
      table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); }
    }
    @media print {
      header.top, footer, nav, form, .actions, .skip, .no-print { display: none !important; }
      body { font-size: 11pt; color: #000; }
      main { max-width: none; padding: 0; }
      a { color: #000; text-decoration: none; }
      table { page-break-inside: auto; font-size: 9.5pt; }
      tr { page-break-inside: avoid; }
      th, td { border: 1px solid #000; }
      .on_time, .late, .missing, .pending, .none { background: none !important; color: #000 !important; }
      .sign { display: flex; justify-content: space-between; margin-top: 32px; }
      .sign div { width: 45%; text-align: center; }
    }
    """
}
