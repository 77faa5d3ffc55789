-- One round trip at the end of a lookup: store the result and release the caller's lock.
-- KEYS[1] result key, KEYS[2] lock key; ARGV: value, ttl (ms), owner
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if redis.call('GET', KEYS[2]) == ARGV[3] then
  redis.call('DEL', KEYS[2])
end
return 1
