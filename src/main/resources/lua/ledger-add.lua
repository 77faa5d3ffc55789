-- Adds one batch of ledger counts to a China day's hash, exactly once.
-- KEYS[1] the app's hash of that day, KEYS[2] the batch's marker.
-- ARGV[1] the hash's TTL (s), ARGV[2] the marker's TTL (s), then field, increment, field, increment...
-- A batch sent again because its first answer was lost finds its marker and adds nothing.
if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[2]) then
  return 0
end
for i = 3, #ARGV, 2 do
  redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1])
end
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1
