-- One round trip at the start of a lookup: the code's stored result if there is one, else its lock.
-- KEYS[1] result key, KEYS[2] lock key; ARGV: owner, lease (ms)
-- Returns {1, value} when a result is stored, {2} when the caller now holds the lock, {0} when another does.
local stored = redis.call('GET', KEYS[1])
if stored then
  return {1, stored}
end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return {2}
end
return {0}
