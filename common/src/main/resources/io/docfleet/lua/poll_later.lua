-- poll_later.lua: a task that waits on something outside (a provider's job) goes from in-flight to
-- the delayed set to look again later. Unlike retry.lua it is no failure: nothing counts as failed
-- or retried, and the task comes back with its attempts unchanged.
-- KEYS[1] {tasks:<type>}:processing:<workerId>      the worker's in-flight list
-- KEYS[2] {tasks:<type>}:delayed                    sorted set by due time (ms)
-- KEYS[3] {tasks:<type>}:stats                      counters
-- ARGV[1] the item as claimed; ARGV[2] the task as it runs next (attempts not counted);
-- ARGV[3] its due time in ms
-- Returns 1, or 0 when the item was no longer in flight here (stale: nothing is scheduled).
if redis.call('LREM', KEYS[1], -1, ARGV[1]) == 0 then
  redis.call('HINCRBY', KEYS[3], 'stale_completions', 1)
  return 0
end
redis.call('ZADD', KEYS[2], tonumber(ARGV[3]), ARGV[2])
redis.call('HINCRBY', KEYS[3], 'polls_scheduled', 1)
return 1
