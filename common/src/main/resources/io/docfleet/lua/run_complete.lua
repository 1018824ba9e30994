-- run_complete.lua: complete many task runs of one worker and type in one atomic step: record the
-- completion, take the item off the in-flight list and count it, release the lock (Redisson's
-- format, telling its waiters). Being one step, no 'unsettled' mark is needed, unlike the separate
-- steps a cluster takes (assignment_write.lua, complete.lua, task_unlock.lua). Only where every key
-- is on one server (a single Redis, or a primary behind sentinels).
-- KEYS[1] {tasks:<type>}:processing:<workerId>      the worker's in-flight list
-- KEYS[2] {tasks:<type>}:stats                      counters
-- KEYS[3i] task:assignments:<taskId>                the record of task i (hash)
-- KEYS[3i+1] queue:lock:<taskId>                    the lock of task i (hash)
-- KEYS[3i+2] redisson_lock__channel:{queue:lock:<taskId>}   its channel
-- ARGV[1] now (ms); ARGV[2] record retention (ms); ARGV[3] Redisson's unlock message (0);
-- ARGV[3i+1] item i, byte for byte as claimed; ARGV[3i+2] the owner field of lock i;
-- ARGV[3i+3] '1' to record the completion, '0' when it was recorded already (a run that stopped
-- before its item was taken off the in-flight list)
-- Returns a list with, per task: 1 when the item was taken off the list and counted as completed;
-- 0 when it was no longer in the list (a reaper returned it): counted as stale, and its record
-- keeps the 'unsettled' mark (completion recorded, item not yet off the in-flight list) so that
-- the worker now holding the item completes it without running the task again. The lock is
-- released either way, where this run still held it.
local now, retention, message = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local result = {}
local counted, stale = 0, 0
for i = 1, (#KEYS - 2) / 3 do
  local record, lock, channel = KEYS[3 * i], KEYS[3 * i + 1], KEYS[3 * i + 2]
  local item, field, write = ARGV[3 * i + 1], ARGV[3 * i + 2], ARGV[3 * i + 3] == '1'
  local removed = redis.call('LREM', KEYS[1], -1, item) == 1
  if removed then
    counted = counted + 1
    result[i] = 1
    if write then
      redis.call('HSET', record, 'status', 'completed', 'completed_at', now)
    else
      redis.call('HDEL', record, 'unsettled')
    end
  else
    stale = stale + 1
    result[i] = 0
    if write then
      redis.call('HSET', record, 'status', 'completed', 'completed_at', now, 'unsettled', '1')
    end
  end
  redis.call('PEXPIRE', record, retention)
  if redis.call('HDEL', lock, field) == 1 then
    redis.call('PUBLISH', channel, message)
  end
end
if counted > 0 then
  redis.call('HINCRBY', KEYS[2], 'completed', counted)
end
if stale > 0 then
  redis.call('HINCRBY', KEYS[2], 'stale', stale)
end
return result
