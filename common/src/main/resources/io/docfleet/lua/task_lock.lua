-- task_lock.lua: take a task's lock in Redisson's own format, without waiting.
-- Written exactly as RedissonLock writes it, so Redisson's RLock on the same key sees it held,
-- can force-unlock it, and its own tryLock fails while it is held. The same owner taking it again
-- (a retried call whose first reply was lost) succeeds, as in Redisson.
-- KEYS[1] queue:lock:<taskId>                       the lock (hash)
-- ARGV[1] the owner field, <Redisson client id>:<owner id>; ARGV[2] the lease in ms
-- Returns 1 when this owner holds the lock now, 0 when another owner holds it.
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then
  redis.call('HSET', KEYS[1], ARGV[1], 1)
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
  return 1
end
return 0
