-- task_unlock.lua: release a task's lock if this owner still holds it, and tell Redisson's waiters.
-- KEYS[1] queue:lock:<taskId>                       the lock (hash)
-- KEYS[2] redisson_lock__channel:{queue:lock:<taskId>}   the channel Redisson's waiters listen on
-- ARGV[1] the owner field, <Redisson client id>:<owner id>; ARGV[2] Redisson's unlock message (0)
-- Returns 1 when released, 0 when this owner no longer held it (its lease ran out, or it was
-- force-unlocked): nothing is written then.
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then
  return 0
end
redis.call('DEL', KEYS[1])
redis.call('PUBLISH', KEYS[2], ARGV[2])
return 1
