-- Stores a token unless the one held was fetched later (a slow replica never overwrites a newer token).
-- KEYS[1] token hash; ARGV: value, expires_at (epoch ms), fetched_at (epoch ms), ttl (ms)
local held = redis.call('HGET', KEYS[1], 'fetched_at')
if held and tonumber(held) >= tonumber(ARGV[3]) then
  return 0
end
redis.call('HSET', KEYS[1], 'value', ARGV[1], 'expires_at', ARGV[2], 'fetched_at', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
