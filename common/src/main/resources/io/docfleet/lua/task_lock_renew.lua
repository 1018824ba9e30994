-- task_lock_renew.lua: the watchdog's renewal of many held task locks.
-- On Redis Cluster every key of one call is in one slot (the caller groups them).
-- KEYS[1..n] queue:lock:<taskId>                    the locks (hashes)
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
