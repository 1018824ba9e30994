-- assignment_start.lua: record that a worker starts a task, unless the task already completed.
-- Runs while the caller holds the task's lock, so no other worker starts it at the same time.
-- KEYS[1] task:assignments:<taskId>
-- ARGV[1] worker id; ARGV[2] start time (ms); ARGV[3] attempts the task says were made;
-- ARGV[4] retention in ms
-- Returns -1 when the task already completed and its queue item was settled (a duplicate), -2 when
-- it completed but the record is still marked 'unsettled' (the worker that ran it stopped before it
-- settled the queue item: settle this item as completed without running the task again), else the
-- number of this attempt.
if redis.call('HGET', KEYS[1], 'status') == 'completed' then
  if redis.call('HEXISTS', KEYS[1], 'unsettled') == 1 then
    return -2
  end
  return -1
end
local made = tonumber(redis.call('HGET', KEYS[1], 'attempts') or ARGV[3])
local attempt = math.max(made, tonumber(ARGV[3])) + 1
redis.call('HSET', KEYS[1], 'worker', ARGV[1], 'started_at', ARGV[2], 'status', 'running',
  'attempts', attempt)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
return attempt
