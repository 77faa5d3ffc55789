-- Deletes the token only while it is still the rejected one (another replica may have stored a fresh one).
-- KEYS[1] token hash; ARGV[1] rejected value
if redis.call('HGET', KEYS[1], 'value') == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
