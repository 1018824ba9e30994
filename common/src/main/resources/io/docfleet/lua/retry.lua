-- retry.lua: a task that runs again later goes from in-flight to the delayed set: a failed attempt
-- that may be retried (counted 'failed' and 'retried'), or a task that waits on something outside,
-- a provider's job or a rate limit (counted 'polls_scheduled' only: no failure, attempts unchanged).
-- KEYS[1] {tasks:<type>}:processing:<workerId>      the worker's in-flight list
-- KEYS[2] {tasks:<type>}:delayed                    sorted set by due time (ms)
-- KEYS[3] {tasks:<type>}:stats                      counters
-- ARGV[1] the item as claimed; ARGV[2] the task as it runs next (attempt counted, or not);
-- ARGV[3] its due time in ms; ARGV[4..n] the counters to add 1 to
-- Returns 1, or 0 when the item was no longer in flight here (stale: nothing is scheduled).
if redis.call('LREM', KEYS[1], -1, ARGV[1]) == 0 then
  redis.call('HINCRBY', KEYS[3], 'stale', 1)
  return 0
end
redis.call('ZADD', KEYS[2], tonumber(ARGV[3]), ARGV[2])
for i = 4, #ARGV do
  redis.call('HINCRBY', KEYS[3], ARGV[i], 1)
end
return 1
