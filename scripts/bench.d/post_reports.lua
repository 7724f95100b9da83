-- POST /api/v1/reports: valid reports for the province dataset under the fixed
-- TIENDO_NOW. Cycles over the (task, district) pairs that `tiendo bench-seed
-- --pairs FILE` wrote (`plan_id task_id unit_id last_progress completed`), each
-- posted with that district's reporter token (`bench-<unit_id>`), for a period
-- open as of TIENDO_NOW; progress never falls below the unit's last seeded one,
-- so every POST should be a 201 (each repeat of a pair is a new revision).
-- Usage: wrk … -s post_reports.lua URL -- PAIRS_FILE PERIOD REPORT_DATE
dofile(os.getenv("BENCH_D") .. "/common.lua")

local requests, n, i = {}, 0, 0

function report_json(task, unit, period, report_date, last, completed)
  if completed == "1" then
    return string.format(
      '{"task_id":%s,"unit_id":"%s","period":"%s","report_date":"%s","status":"completed","progress":100,' ..
      '"completed_on":"%s","result":"Đã hoàn thành nhiệm vụ, tiếp tục duy trì kết quả"}',
      task, unit, period, report_date, report_date)
  end
  local progress = math.min(99, tonumber(last) + 5)
  return string.format(
    '{"task_id":%s,"unit_id":"%s","period":"%s","report_date":"%s","status":"in_progress","progress":%d,' ..
    '"result":"Đã tổ chức kiểm tra, đôn đốc các đơn vị; tiến độ tăng so với quý trước",' ..
    '"obstacles":"Vướng mắc trong công tác giải phóng mặt bằng","proposals":"Đề nghị UBND tỉnh bổ sung nguồn vốn"}',
    task, unit, period, report_date, progress)
end

function init(args)
  local period, report_date = args[2], args[3]
  for _, line in ipairs(read_lines(args[1], 1000000)) do
    local plan, task, unit, last, completed = line:match("^(%d+) (%d+) (%S+) (%d+) (%d)$")
    if task then
      local headers = {
        ["Content-Type"] = "application/json",
        ["Authorization"] = "Bearer bench-" .. unit,
      }
      table.insert(requests, wrk.format("POST", "/api/v1/reports", headers,
        report_json(task, unit, period, report_date, last, completed)))
    end
  end
  n = #requests
  assert(n > 0, "no pairs in " .. tostring(args[1]))
  i = ((thread_index or 0) * 4001) % n
end

function request()
  i = i + 1
  if i > n then i = 1 end
  return requests[i]
end

function response(status, headers, body)
  count_status(status, body)
end
