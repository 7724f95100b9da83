-- GET a cycle of paths read from a file (one per line), with the bearer token
-- from BENCH_TOKEN. Usage: wrk … -s get.lua URL -- PATHS_FILE
dofile(os.getenv("BENCH_D") .. "/common.lua")

local requests, n, i = {}, 0, 0

function init(args)
  local token = os.getenv("BENCH_TOKEN")
  local headers = { ["Accept"] = "application/json" }
  if token and token ~= "" then headers["Authorization"] = "Bearer " .. token end
  for _, path in ipairs(read_lines(args[1], 100000)) do
    table.insert(requests, wrk.format("GET", path, headers))
  end
  n = #requests
  -- Threads start at different places in the cycle.
  i = ((thread_index or 0) * 7919) % n
end

function request()
  i = i + 1
  if i > n then i = 1 end
  return requests[i]
end
