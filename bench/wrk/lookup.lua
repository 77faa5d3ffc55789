-- wrk script of bench/run: POSTs {"code":"bench-<tag>-<thread>-<n>"}, so every request carries a code never
-- seen before (no result cache can answer it) that the simulator's bench mode accepts. The URL picks the
-- target: the gateway's /phone, or the simulator's getuserphonenumber?access_token=... (the ceiling).
--
-- Environment:
--   BENCH_TAG      makes codes unique across runs (bench/run passes the phase and a run id)
--   BENCH_RATE     requests per second of the whole run, paced by delay(); 0 or unset: as fast as possible
--   BENCH_THREADS  wrk's -t, to split the rate between threads (default 1)
--   BENCH_RESULT   file that receives one JSON object with the run's figures, written by done()
--   BENCH_AUTH     Authorization header value (the gateway's "Bearer <key>"); unset: none
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local next_thread = 0
function setup(thread)
  thread:set("id", next_thread)
  next_thread = next_thread + 1
end

local prefix, counter, interval_ms, next_slot
local headers = { ["Content-Type"] = "application/json" }

function init(args)
  prefix = '{"code":"bench-' .. (os.getenv("BENCH_TAG") or "run") .. "-" .. id .. "-"
  counter = 0
  headers["Authorization"] = os.getenv("BENCH_AUTH")
  local rate = tonumber(os.getenv("BENCH_RATE") or "0") or 0
  local threads = tonumber(os.getenv("BENCH_THREADS") or "1") or 1
  interval_ms = rate > 0 and (1000 * threads / rate) or 0
end

function request()
  counter = counter + 1
  return wrk.format("POST", nil, headers, prefix .. counter .. '"}')
end

-- Open-loop pacing: request k of a thread is due at start + k * interval; a late one goes at once.
function delay()
  if interval_ms == 0 then
    return 0
  end
  local now = now_ms()
  next_slot = next_slot or now
  local slot = next_slot
  next_slot = slot + interval_ms
  return slot > now and (slot - now) or 0
end

function done(summary, latency, requests)
  local path = os.getenv("BENCH_RESULT")
  if not path then
    return
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  local failed = e.status -- non-2xx answers; socket errors are reported apart and must be 0
  local f = assert(io.open(path, "w"))
  f:write(string.format(
    '{"requests":%d,"seconds":%.3f,"ok":%d,"okPerSecond":%.1f,"errors":{"connect":%d,"read":%d,"write":%d,' ..
    '"status":%d,"timeout":%d},"latencyMs":{"mean":%.3f,"p50":%.3f,"p90":%.3f,"p99":%.3f,"p999":%.3f,"max":%.3f}}\n',
    summary.requests, seconds, summary.requests - failed, (summary.requests - failed) / seconds,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean / 1000, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000))
  f:close()
end
