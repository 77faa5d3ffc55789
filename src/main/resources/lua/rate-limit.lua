-- Permits of one caller against its limit, fleet-wide: GCRA (generic cell rate algorithm), i.e. a token
-- bucket kept as one number, the "theoretical arrival time" (TAT) of the caller's next request.
-- Time is Redis's own clock, so replicas with skewed clocks still share one count.
-- KEYS[1] the caller's key; ARGV[1] emission interval (microseconds per request), ARGV[2] burst (requests),
-- ARGV[3] permits wanted (a replica's lease, RateLimiter; 1 when absent). A lease gets at most an eighth of what the
-- bucket holds (and at least 1), so a caller near its limit is served one permit at a time, to whichever replica asks.
-- Returns {n granted (>= 1), requests left in the burst after them} when allowed,
-- {0, microseconds until one is allowed} when refused.
if redis.replicate_commands then
  redis.replicate_commands() -- Redis < 5: replicate the write, not the script that read TIME
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local interval = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2]) * interval
local wanted = tonumber(ARGV[3] or '1')
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then
  tat = now
end
-- n permits fit while tat + n * interval - now <= capacity
local room = math.floor((capacity - (tat - now)) / interval)
if room < 1 then
  return {0, tat + interval - now - capacity}
end
local granted = math.min(wanted, math.max(1, math.floor(room / 8)))
local next_tat = tat + granted * interval
redis.call('SET', KEYS[1], string.format('%.0f', next_tat), 'PX', math.ceil((next_tat - now) / 1000) + 1)
return {granted, room - granted}
