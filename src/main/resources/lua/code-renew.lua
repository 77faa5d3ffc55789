-- Extends a code's lock while its lookup is still running, only for its owner (a lapsed lock may be another's).
-- KEYS[1] lock; ARGV: owner, lease (ms). Returns 1 when renewed, 0 when the lock is no longer the caller's.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
