-- One request of one caller against its limit, fleet-wide: GCRA (generic cell rate algorithm), i.e. a token
-- bucket kept as one number, the "theoretical arrival time" (TAT) of the caller's next request.
-- Time is Redis's own clock, so replicas with skewed clocks still share one count.
-- KEYS[1] the caller's key; ARGV[1] emission interval (microseconds per request), ARGV[2] burst (requests)
-- Returns {1, requests left in the burst} when allowed, {0, microseconds until one is allowed} when refused.
if redis.replicate_commands then
  redis.replicate_commands() -- Redis < 5: replicate the write, not the script that read TIME
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local interval = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2]) * interval
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then
  tat = now
end
local next_tat = tat + interval
local wait = next_tat - now - capacity
if wait > 0 then
  return {0, wait}
end
redis.call('SET', KEYS[1], string.format('%.0f', next_tat), 'PX', math.ceil((next_tat - now) / 1000) + 1)
return {1, math.floor((capacity - (next_tat - now)) / interval)}
