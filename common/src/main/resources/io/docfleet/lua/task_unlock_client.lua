-- task_unlock_client.lua: release every lock one Redisson client (one worker) has on these tasks,
-- where that worker runs none of them: locks whose release a failover lost. Locks of other clients
-- stay. Tells Redisson's waiters where a lock became free.
-- KEYS[1..n]    queue:lock:<taskId>                           the locks (hashes)
-- KEYS[n+1..2n] redisson_lock__channel:{queue:lock:<taskId>}  their channels, in the same order
-- ARGV[1] the client's field prefix, '<Redisson client id>:'; ARGV[2] Redisson's unlock message (0)
-- Returns a list with, per lock, 1 when it is free now, 0 when another client still holds it.
local n = #KEYS / 2
local prefix, message = ARGV[1], ARGV[2]
local result = {}
for i = 1, n do
  local released = false
  for _, field in ipairs(redis.call('HKEYS', KEYS[i])) do
    if string.sub(field, 1, #prefix) == prefix then
      redis.call('HDEL', KEYS[i], field)
      released = true
    end
  end
  local free = redis.call('EXISTS', KEYS[i]) == 0
  if released and free then
    redis.call('PUBLISH', KEYS[n + i], message)
  end
  result[i] = free and 1 or 0
end
return result
