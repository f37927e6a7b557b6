-- wrk script: rotates GET requests over the paths listed (one a line) in the file named by $WRK_PATHS,
-- and prints one JSON summary line (latencies in microseconds) for bench/lib/proxy.mjs.
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do
  if #line > 0 then
    paths[#paths + 1] = line
  end
end

-- Formatted once per thread, in init, when wrk knows the Host header.
local requests = {}
local next_request = 0

init = function(_)
  for i, path in ipairs(paths) do
    requests[i] = wrk.format("GET", path)
  end
end

request = function()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

done = function(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"mean_us":%.1f,"p50_us":%d,"p90_us":%d,' ..
    '"p99_us":%d,"p999_us":%d,"max_us":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
    summary.requests, summary.duration, summary.bytes, latency.mean, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
