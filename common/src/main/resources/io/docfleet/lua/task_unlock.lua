-- task_unlock.lua: release many tasks' locks where their owners still hold them, and tell
-- Redisson's waiters. On Redis Cluster every key of one call is in one slot (the caller groups
-- them; a lock's channel is in its lock's slot).
-- KEYS[1..n] queue:lock:<taskId>                    the locks (hashes)
-- KEYS[n+1..2n] redisson_lock__channel:{queue:lock:<taskId>}   the channel of KEYS[i] is KEYS[n+i]
-- ARGV[1] Redisson's unlock message (0); ARGV[1 + i] the owner field of KEYS[i]
-- Returns a list with, per lock, 1 when released, 0 when its owner no longer held it (its lease ran
-- out, or it was force-unlocked): nothing is written for that lock then.
local n = #KEYS / 2
local result = {}
for i = 1, n do
  -- the owner's field is the lock's only field: removing it removes the lock, as Redisson's DEL
  if redis.call('HDEL', KEYS[i], ARGV[i + 1]) == 1 then
    redis.call('PUBLISH', KEYS[n + i], ARGV[1])
    result[i] = 1
  else
    result[i] = 0
  end
end
return result
