-- Shared by every scripts/bench.d/*.lua: a machine-readable summary line
-- (`BENCH key=value …`) that scripts/bench parses, plus, when the script
-- counts statuses itself (POSTs), the non-2xx statuses and one sample body.
-- Latencies are wrk's, in microseconds.

local threads = {}

function setup(thread)
  thread:set("thread_index", #threads)
  table.insert(threads, thread)
end

-- For scripts that define response(): count every non-2xx, keep the first body.
function count_status(status, body)
  if status < 200 or status > 299 then
    non2xx = (non2xx or 0) + 1
    statuses = statuses or {}
    local key = tostring(status)
    statuses[key] = (statuses[key] or 0) + 1
    if not sample then sample = tostring(status) .. " " .. string.sub(body or "", 1, 400) end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local non2xx_total, merged, first = 0, {}, nil
  for _, t in ipairs(threads) do
    local n = t:get("non2xx")
    if n then non2xx_total = non2xx_total + n end
    local s = t:get("statuses")
    if s then for k, v in pairs(s) do merged[k] = (merged[k] or 0) + v end end
    first = first or t:get("sample")
  end
  local errors = e.connect + e.read + e.write + e.timeout + math.max(e.status, non2xx_total)
  io.write(string.format(
    "BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d errors=%d connect=%d read=%d write=%d timeout=%d status=%d non2xx=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    errors, e.connect, e.read, e.write, e.timeout, e.status, non2xx_total))
  local parts = {}
  for k, v in pairs(merged) do table.insert(parts, k .. "=" .. v) end
  if #parts > 0 then io.write("BENCH_STATUS " .. table.concat(parts, " ") .. "\n") end
  if first then io.write("BENCH_SAMPLE " .. string.gsub(first, "\n", " ") .. "\n") end
end

-- Lines of a file (bounded: at most `limit`).
function read_lines(path, limit)
  local lines = {}
  local f = assert(io.open(path, "r"), "cannot open " .. tostring(path))
  for line in f:lines() do
    if #lines >= limit then break end
    if line ~= "" then table.insert(lines, line) end
  end
  f:close()
  return lines
end
