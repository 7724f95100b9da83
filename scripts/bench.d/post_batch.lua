-- POST /api/v1/reports/batch: one district's whole periodic report on one plan —
-- all 60 tasks of the plan (40 it leads through kind:district, 20 it coordinates),
-- built from the pairs file like post_reports.lua. Cycles over (plan, district).
-- Usage: wrk … -s post_batch.lua URL -- PAIRS_FILE PERIOD REPORT_DATE
dofile(os.getenv("BENCH_D") .. "/common.lua")
dofile(os.getenv("BENCH_D") .. "/post_reports.lua")

local requests, n, i = {}, 0, 0

function init(args)
  local period, report_date = args[2], args[3]
  local groups, order = {}, {}
  for _, line in ipairs(read_lines(args[1], 1000000)) do
    local plan, task, unit, last, completed = line:match("^(%d+) (%d+) (%S+) (%d+) (%d)$")
    if task then
      local key = plan .. " " .. unit
      if not groups[key] then groups[key] = { unit = unit, items = {} }; table.insert(order, key) end
      table.insert(groups[key].items, report_json(task, unit, period, report_date, last, completed))
    end
  end
  for _, key in ipairs(order) do
    local g = groups[key]
    local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer bench-" .. g.unit }
    table.insert(requests, wrk.format("POST", "/api/v1/reports/batch", headers,
      '{"reports":[' .. table.concat(g.items, ",") .. ']}'))
  end
  n = #requests
  assert(n > 0, "no batches from " .. tostring(args[1]))
  batch_size = #groups[order[1]].items
  i = ((thread_index or 0) * 101) % n
end

function request()
  i = i + 1
  if i > n then i = 1 end
  return requests[i]
end
