-- task_lock.lua: take many tasks' locks in Redisson's own format, without waiting.
-- Each lock is written exactly as RedissonLock writes it, so Redisson's RLock on the same key sees
-- it held, can force-unlock it, and its own tryLock fails while it is held. The same owner taking
-- a lock again (a retried call whose first reply was lost) succeeds, as in Redisson.
-- On Redis Cluster every key of one call is in one slot (the caller groups them).
-- KEYS[1..n] queue:lock:<taskId>                    the locks (hashes)
-- ARGV[1] the lease in ms; ARGV[1 + i] the owner field of KEYS[i], <Redisson client id>:<owner id>
-- Returns a list with, per lock, 1 when its owner holds it now, 0 when another owner holds it.
local lease = tonumber(ARGV[1])
local result = {}
for i, lock in ipairs(KEYS) do
  local field = ARGV[i + 1]
  if redis.call('EXISTS', lock) == 0 or redis.call('HEXISTS', lock, field) == 1 then
    redis.call('HSET', lock, field, 1)
    redis.call('PEXPIRE', lock, lease)
    result[i] = 1
  else
    result[i] = 0
  end
end
return result
