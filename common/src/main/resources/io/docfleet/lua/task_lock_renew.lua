-- task_lock_renew.lua: the watchdog's renewal of one held task lock.
-- KEYS[1] queue:lock:<taskId>                       the lock (hash)
-- ARGV[1] the owner field, <Redisson client id>:<owner id>; ARGV[2] the lease in ms
-- Returns 1 when renewed, 0 when this owner no longer holds it (the watchdog then forgets it).
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
  return 1
end
return 0
