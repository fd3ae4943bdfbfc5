-- wrk script for bench/http_load.sh: cycles through the request paths in the file named
-- by the first script argument (one path per line, each thread starting at its own
-- offset), counts responses with status >= 400, and ends with one machine-readable
-- "result:" line (requests/s, latency percentiles in ms, error counts).
-- Usage: wrk ... -s bench/http_load.lua http://127.0.0.1:PORT -- PATHS_FILE

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  assert(#paths > 0, "no request paths in " .. tostring(args[1]))
  next_path = (id * 7919) % #paths
  bad = 0
  bad_example = ""
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

function response(status, headers, body)
  if status >= 400 then
    bad = bad + 1
    if bad_example == "" then bad_example = status .. " " .. body:sub(1, 200) end
  end
end

function done(summary, latency, requests)
  local bad_total, example = 0, ""
  for _, thread in ipairs(threads) do
    bad_total = bad_total + thread:get("bad")
    if example == "" then example = thread:get("bad_example") end
  end
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  io.write(string.format(
      "result: requests=%d rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
      "non2xx=%d status_ge_400=%d socket_errors=%d\n",
      summary.requests, summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(90) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000, e.status, bad_total, socket_errors))
  if example ~= "" then io.write("first failure: " .. example .. "\n") end
end
