-- Releases a lock only for its owner (a lock whose lease ran out may belong to someone else now).
-- KEYS[1] lock; ARGV[1] owner
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
