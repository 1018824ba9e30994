-- task_unlock_client.lua: release every hold one Redisson client (one worker) has on task locks,
-- where that worker runs none of those tasks: holds whose release a failover lost. Holds of other
-- clients stay. Tells Redisson's waiters where a lock became free.
-- KEYS[1..n]    queue:lock:<taskId>                           the locks (hashes)
-- KEYS[n+1..2n] redisson_lock__channel:{queue:lock:<taskId>}  their channels, in the same order
-- ARGV[1] the client's field prefix, '<Redisson client id>:'; ARGV[2] Redisson's unlock message (0)
-- Returns a list with, per lock, 1 when a hold of the client was released, else 0.
local n = #KEYS / 2
local prefix, message = ARGV[1], ARGV[2]
local result = {}
for i = 1, n do
  local released = 0
  for _, field in ipairs(redis.call('HKEYS', KEYS[i])) do
    if string.sub(field, 1, #prefix) == prefix then
      redis.call('HDEL', KEYS[i], field)
      released = 1
    end
  end
  if released == 1 and redis.call('EXISTS', KEYS[i]) == 0 then
    redis.call('PUBLISH', KEYS[n + i], message)
  end
  result[i] = released
end
return result
