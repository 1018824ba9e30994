-- retry.lua: a run that runs again later ends in one atomic step: its item goes from in-flight to
-- the delayed set, its task's record says why, and its run lock is released (publishing Redisson's
-- unlock message), so no lock is ever held on an item that can be claimed again. Either a failed
-- attempt that may be retried (counted 'failed' and 'retried', record 'retrying'), or a task that
-- waits on something outside, a provider's job or a rate limit (counted 'polls_scheduled' only, no
-- failure, record 'waiting' with its attempts unchanged).
-- A grouped task's run that ends so frees a place of its group (include/groups.lua).
-- KEYS[1] {tasks:<type>}:inflight:<workerId>        the worker's in-flight list
-- KEYS[2] {tasks:<type>}:delayed                    sorted set by due time (ms)
-- KEYS[3] {tasks:<type>}:stats                      counters
-- KEYS[4] {tasks:<type>}:assignments                the task records (task id -> JSON)
-- KEYS[5] {tasks:<type>}:assignments:expiry         when each record expires (ms)
-- ARGV[1] the item as claimed; ARGV[2] the task as it runs next (attempt counted, or not);
-- ARGV[3] its due time (ms); ARGV[4] the task id; ARGV[5] the run lock's owner field;
-- ARGV[6] the record (JSON, TaskRecord); ARGV[7] when it expires (ms);
-- ARGV[8] {tasks:<type>}:lock:; ARGV[9] redisson_lock__channel:{tasks:<type>}:lock:;
-- ARGV[10] Redisson's unlock message (0); ARGV[11..] the counters to add 1 to
-- Returns 1, or 0 when the item was no longer in flight here (stale: nothing is scheduled or
-- recorded; this run's lock is released where it still held it).
--! include groups
local id = ARGV[4]
if redis.call('HDEL', ARGV[8] .. id, ARGV[5]) == 1 then
  redis.call('PUBLISH', ARGV[9] .. id, ARGV[10])
end
if redis.call('LREM', KEYS[1], -1, ARGV[1]) == 0 then
  redis.call('HINCRBY', KEYS[3], 'stale', 1)
  return 0
end
local group = groupOf(ARGV[1])
if group then
  groupsOf(tagOf(KEYS[1])).left(group, id)
end
redis.call('ZADD', KEYS[2], tonumber(ARGV[3]), ARGV[2])
redis.call('HSET', KEYS[4], id, ARGV[6])
redis.call('ZADD', KEYS[5], ARGV[7], id)
for i = 11, #ARGV do
  redis.call('HINCRBY', KEYS[3], ARGV[i], 1)
end
return 1
