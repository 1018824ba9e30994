-- task_lock_renew.lua: the watchdog's renewal of many run locks it holds, of one task type.
-- KEYS[1..n] {tasks:<type>}:lock:<taskId>           the run locks (hashes, Redisson's format)
-- ARGV[1] the lease in ms; ARGV[1 + i] the owner field of KEYS[i]
-- Returns a list with, per lock, 1 when renewed, 0 when its owner no longer holds it (the
-- watchdog then forgets it).
local lease = tonumber(ARGV[1])
local result = {}
for i, lock in ipairs(KEYS) do
  if redis.call('HEXISTS', lock, ARGV[i + 1]) == 1 then
    redis.call('PEXPIRE', lock, lease)
    result[i] = 1
  else
    result[i] = 0
  end
end
return result
