-- complete.lua: complete runs of one worker and type in one atomic step: take each item off the
-- in-flight list, record its task completed, release its run lock where this run still holds it
-- (publishing Redisson's unlock message to its waiters), and count. An item no longer in the list
-- (its lease expired: a reaper returned it, and it may run again elsewhere) is a stale completion:
-- counted as stale, and nothing is written for it but the release of this run's own lock, where it
-- still held one: an expired lease writes nothing.
-- KEYS[1] {tasks:<type>}:inflight:<workerId>        the worker's in-flight list
-- KEYS[2] {tasks:<type>}:stats                      counters
-- KEYS[3] {tasks:<type>}:assignments                the task records (task id -> JSON)
-- KEYS[4] {tasks:<type>}:assignments:expiry         when each record expires (ms)
-- Run locks are {tasks:<type>}:lock:<taskId> and their channels
-- redisson_lock__channel:{tasks:<type>}:lock:<taskId>, named here from ARGV[2], ARGV[3] and the id.
-- ARGV[1] when a record written now expires (ms); ARGV[2] {tasks:<type>}:lock:;
-- ARGV[3] redisson_lock__channel:{tasks:<type>}:lock:; ARGV[4] Redisson's unlock message (0);
-- then four per run: its item byte for byte as claimed, its task id, its run lock's owner field,
-- and the completed record (JSON, TaskRecord)
-- Returns a list with, per run, 1 when its item was completed, 0 when the completion was stale.
-- A run of a grouped task that completes frees a place of its group (include/groups.lua).
-- LREM searches from the tail (count -1): claims push at the head, so the oldest items, the
-- likeliest to be done, sit near the tail, and a long in-flight list is not scanned whole.
--! include groups
local inflight, expires = KEYS[1], ARGV[1]
local groups = groupsOf(tagOf(KEYS[1]))
local lockPrefix, channelPrefix, message = ARGV[2], ARGV[3], ARGV[4]
local result, writes, expiring = {}, {}, {}
local completed, stale = 0, 0
for a = 5, #ARGV, 4 do
  local id = ARGV[a + 1]
  if redis.call('LREM', inflight, -1, ARGV[a]) == 1 then
    completed = completed + 1
    result[#result + 1] = 1
    local group = groupOf(ARGV[a])
    if group then
      groups.left(group, id)
    end
    writes[#writes + 1] = id
    writes[#writes + 1] = ARGV[a + 3]
    expiring[#expiring + 1] = expires
    expiring[#expiring + 1] = id
  else
    stale = stale + 1
    result[#result + 1] = 0
  end
  -- the owner's field is the lock's only field: removing it removes the lock, as Redisson's unlock
  if redis.call('HDEL', lockPrefix .. id, ARGV[a + 2]) == 1 then
    redis.call('PUBLISH', channelPrefix .. id, message)
  end
end
if completed > 0 then
  redis.call('HSET', KEYS[3], unpack(writes))
  redis.call('ZADD', KEYS[4], unpack(expiring))
  redis.call('HINCRBY', KEYS[2], 'completed', completed)
end
if stale > 0 then
  redis.call('HINCRBY', KEYS[2], 'stale', stale)
end
return result
