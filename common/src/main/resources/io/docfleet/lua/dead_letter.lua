-- dead_letter.lua: dead-letter an item that must not run again, in one atomic step: it goes from
-- in-flight to the dead-letter list, its task's record says dead (when the item holds a task id),
-- and its run lock is released (when its run took one), publishing Redisson's unlock message.
-- A grouped task's run that ends so frees a place of its group (include/groups.lua).
-- KEYS[1] {tasks:<type>}:inflight:<workerId>        the worker's in-flight list
-- KEYS[2] {tasks:<type>}:dead                       dead-letter list (newest at the left)
-- KEYS[3] {tasks:<type>}:stats                      counters
-- KEYS[4] {tasks:<type>}:assignments                the task records (task id -> JSON)
-- KEYS[5] {tasks:<type>}:assignments:expiry         when each record expires (ms)
-- ARGV[1] the item as claimed; ARGV[2] the dead-letter entry (JSON with the reason);
-- ARGV[3] '1' when a handler failed on it (counted as failed too), '0' when it never ran;
-- ARGV[4] the task id ('' for an item that holds none: no record, no lock); ARGV[5] the run
-- lock's owner field ('' when the run took no lock); ARGV[6] the record (JSON, TaskRecord; ''
-- for none); ARGV[7] when it expires (ms); ARGV[8] {tasks:<type>}:lock:;
-- ARGV[9] redisson_lock__channel:{tasks:<type>}:lock:; ARGV[10] Redisson's unlock message (0)
-- Returns 1, or 0 when the item was no longer in flight here (stale: nothing is written but the
-- release of this run's lock, where it still held it).
--! include groups
local id, field = ARGV[4], ARGV[5]
if field ~= '' and redis.call('HDEL', ARGV[8] .. id, field) == 1 then
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
redis.call('LPUSH', KEYS[2], ARGV[2])
if id ~= '' and ARGV[6] ~= '' then
  redis.call('HSET', KEYS[4], id, ARGV[6])
  redis.call('ZADD', KEYS[5], ARGV[7], id)
end
redis.call('HINCRBY', KEYS[3], 'dead_lettered', 1)
if ARGV[3] == '1' then
  redis.call('HINCRBY', KEYS[3], 'failed', 1)
end
return 1
