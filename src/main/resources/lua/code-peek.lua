-- What a code's lookup left: its stored result, or whether another owner's lookup of it still runs.
-- KEYS[1] result key, KEYS[2] lock key; ARGV[1] the asking owner
-- Returns {1, value} when a result is stored, {2} while another owner holds the lock, {0} otherwise.
local stored = redis.call('GET', KEYS[1])
if stored then
  return {1, stored}
end
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[1] then
  return {2}
end
return {0}
