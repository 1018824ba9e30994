-- assignment_write.lua: write many task:assignments records, each kept for the retention after it
-- changes. On Redis Cluster every key of one call is in one slot (the caller groups them).
-- KEYS[1..n] task:assignments:<taskId>              the records (hashes); one may repeat
-- ARGV[1] now (ms); ARGV[2] retention (ms); then, for KEYS[1], KEYS[2], ... in order, one write:
--   'start', worker id, attempts the task says were made: a worker starts the task, unless it
--       already completed. Runs while the caller holds the task's lock, so no other worker starts
--       it at the same time. Its result is -1 when the task already completed and its queue item
--       was taken off the in-flight list (a duplicate), -2 when it completed but the record is
--       still marked 'unsettled' (completion recorded, item not yet taken off the in-flight list:
--       the worker that ran it stopped in between, so complete this item without running the task
--       again), else the number of this attempt. BeginResult.fromReply is the one reader.
--   'finish', k, then k field/value pairs (status, completed_at or ended_at, last_error,
--       unsettled): how an attempt ended. Its result is 1.
--   'item_completed': the completed task's queue item is off the in-flight list, the 'unsettled'
--       mark goes. Its result is 1 when the mark was there, else 0.
--   'dead_retried': an operator queues the dead task again (DeadLetters.retry, before it moves the
--       item): its attempts go back to 0, so the next start is attempt 1 again. A task that
--       completed since, or has no record any more, is left as it is. Its result is 1 when the
--       attempts were reset, else 0. The record keeps its expiry.
-- Returns the list of results, one per key.
local now, retention = ARGV[1], tonumber(ARGV[2])
local result = {}
local a = 3
for i, record in ipairs(KEYS) do
  local op = ARGV[a]
  if op == 'start' then
    local worker, claimed = ARGV[a + 1], tonumber(ARGV[a + 2])
    a = a + 3
    local stored = redis.call('HMGET', record, 'status', 'attempts', 'unsettled')
    if stored[1] == 'completed' then
      if stored[3] then
        result[i] = -2
      else
        result[i] = -1
      end
    else
      local made = tonumber(stored[2] or claimed)
      local attempt = math.max(made, claimed) + 1
      redis.call('HSET', record, 'worker', worker, 'started_at', now, 'status', 'running',
        'attempts', attempt)
      redis.call('PEXPIRE', record, retention)
      result[i] = attempt
    end
  elseif op == 'finish' then
    local k = tonumber(ARGV[a + 1])
    redis.call('HSET', record, unpack(ARGV, a + 2, a + 1 + 2 * k))
    redis.call('PEXPIRE', record, retention)
    a = a + 2 + 2 * k
    result[i] = 1
  elseif op == 'item_completed' then
    result[i] = redis.call('HDEL', record, 'unsettled')
    a = a + 1
  elseif op == 'dead_retried' then
    local status = redis.call('HGET', record, 'status')
    if status and status ~= 'completed' then
      redis.call('HSET', record, 'attempts', 0)
      result[i] = 1
    else
      result[i] = 0
    end
    a = a + 1
  else
    return redis.error_reply('assignment_write: unknown write ' .. tostring(op))
  end
end
return result
