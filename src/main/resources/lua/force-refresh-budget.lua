-- Takes one forced refresh from the app's daily budget, if any is left and the last one is old enough.
-- KEYS[1] budget hash of the day; ARGV: now (ms), min spacing (ms), daily limit, ttl (ms)
-- Returns the forced refreshes used today including this one, -1 when the day's budget is spent,
-- -2 when the last one is too recent.
local now = tonumber(ARGV[1])
local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '0')
local used = tonumber(redis.call('HGET', KEYS[1], 'used') or '0')
if used >= tonumber(ARGV[3]) then
  return -1
end
if now - last < tonumber(ARGV[2]) then
  return -2
end
redis.call('HSET', KEYS[1], 'last', ARGV[1], 'used', used + 1)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return used + 1
