-- return_items.lua: return orphans to the head of their lane's ready list (the next to run; the
-- lane is read from the item, see include/lane_of.lua), each at most once: items a live worker
-- holds in its in-flight list but is not running (a failover lost the end that had taken them off,
-- or the reply of the claim that put them there). First this worker's own holds on each task's run
-- lock go (a hold whose release was lost); an item whose run lock another worker still holds stays
-- (that worker runs, or ran, a copy of the task: once it ends, the item's next claimer finds the
-- task completed instead of dropping it as a duplicate of a run that may no longer be under way).
-- A grouped task goes back to the head of its group's list instead, with a turn at the head of
-- its lane's list, and frees its place in the group (include/groups.lua).
-- KEYS[1] {tasks:<type>}:inflight:<workerId>        the worker's in-flight list
-- KEYS[2] tasks:<type>                              the normal lane's ready list (oldest at the right)
-- KEYS[3] {tasks:<type>}:stats                      counters
-- KEYS[4] {tasks:<type>}:high                       the high lane's ready list
-- KEYS[5] {tasks:<type>}:low                        the low lane's ready list
-- ARGV[1] the counter to add the returned items to (returned); ARGV[2] this worker's owner fields'
-- start, '<Redisson client id>:'; ARGV[3] {tasks:<type>}:lock:;
-- ARGV[4] redisson_lock__channel:{tasks:<type>}:lock:; ARGV[5] Redisson's unlock message (0);
-- then pairs: an item byte for byte as claimed, its task id ('' for an item that holds none)
-- Returns a list with, per item, 1 when it was returned, 0 when it stays (another worker holds
-- its run lock) or was no longer in the list.
--! include lane_of
--! include groups
local groups = groupsOf(tagOf(KEYS[1]))
local prefix, lockPrefix, channelPrefix, message = ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local returned = 0
local result = {}
for a = 6, #ARGV, 2 do
  local id, free = ARGV[a + 1], true
  if id ~= '' then
    local lock = lockPrefix .. id
    local released = false
    for _, field in ipairs(redis.call('HKEYS', lock)) do
      if string.sub(field, 1, #prefix) == prefix then
        redis.call('HDEL', lock, field)
        released = true
      end
    end
    free = redis.call('EXISTS', lock) == 0
    if released and free then
      redis.call('PUBLISH', channelPrefix .. id, message)
    end
  end
  if free and redis.call('LREM', KEYS[1], -1, ARGV[a]) == 1 then
    local group = groupOf(ARGV[a])
    if group then
      groups.left(group, id)
      groups.ready(ARGV[a], group, laneOf(ARGV[a], 'high', 'normal', 'low'), true)
    else
      redis.call('RPUSH', laneOf(ARGV[a], KEYS[4], KEYS[2], KEYS[5]), ARGV[a])
    end
    returned = returned + 1
    result[#result + 1] = 1
  else
    result[#result + 1] = 0
  end
end
if returned > 0 then
  redis.call('HINCRBY', KEYS[3], ARGV[1], returned)
end
return result
