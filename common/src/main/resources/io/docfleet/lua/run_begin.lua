-- run_begin.lua: begin many task runs in one step: take each task's lock, exactly as
-- task_lock.lua does (Redisson's format), and where it was taken record the start, exactly as
-- assignment_write.lua's 'start' does. Only where every key is on one server (a single Redis, or a
-- primary behind sentinels): a lock and a record are in different hash slots, so on a cluster the
-- two steps go separately (task_lock.lua, then assignment_write.lua).
-- KEYS[2i-1] queue:lock:<taskId>                   the lock of task i (hash)
-- KEYS[2i]   task:assignments:<taskId>             the record of task i (hash)
-- ARGV[1] lock lease (ms); ARGV[2] now (ms); ARGV[3] record retention (ms); ARGV[4] worker id;
-- ARGV[3 + 2i] the owner field of lock i, <Redisson client id>:<owner id>;
-- ARGV[4 + 2i] the attempts task i says were made
-- Returns a list with, per task: 0 when another run holds its lock (nothing is written); -1 when
-- it already completed and its item was taken off the in-flight list (a duplicate; the lock is
-- held now, the caller releases it); -2 when it completed but its record is still marked
-- 'unsettled' (completion recorded, item not yet off the in-flight list: complete the item without
-- running the task again); else the number of this attempt (the same number when this run's lock
-- is held already: a begin sent again after its reply was lost). BeginResult.fromReply reads it.
local lease, now, retention, worker = tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3]), ARGV[4]
local result = {}
for i = 1, #KEYS / 2 do
  local lock, record = KEYS[2 * i - 1], KEYS[2 * i]
  local field, claimed = ARGV[3 + 2 * i], tonumber(ARGV[4 + 2 * i])
  local free = redis.call('EXISTS', lock) == 0
  local again = not free and redis.call('HEXISTS', lock, field) == 1
  if free or again then
    redis.call('HSET', lock, field, 1)
    redis.call('PEXPIRE', lock, lease)
    local stored = redis.call('HMGET', record, 'status', 'attempts', 'unsettled')
    if again and stored[1] == 'running' then
      -- this very run's begin, sent again after its reply was lost: the same attempt
      result[i] = tonumber(stored[2])
    elseif stored[1] == 'completed' then
      if stored[3] then
        result[i] = -2
      else
        result[i] = -1
      end
    else
      local attempt = math.max(tonumber(stored[2] or claimed), claimed) + 1
      redis.call('HSET', record, 'worker', worker, 'started_at', now, 'status', 'running',
        'attempts', attempt)
      redis.call('PEXPIRE', record, retention)
      result[i] = attempt
    end
  else
    result[i] = 0
  end
end
return result
