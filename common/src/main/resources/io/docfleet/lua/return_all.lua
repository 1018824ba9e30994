-- return_all.lua: return every item of an in-flight list to the head of its lane's ready list (read
-- from the item, see include/lane_of.lua), in the order they were claimed (so they are the next to
-- run), and delete the run locks of their tasks,
-- whoever holds them (publishing Redisson's unlock message): the list of a worker whose heartbeat
-- is gone (the reaper), or the unfinished items of a worker that drains; no run of them is left.
-- A grouped task goes back to the head of its group's list instead, with a turn at the head of
-- its lane's list, and frees its place in the group (include/groups.lua).
-- KEYS[1] {tasks:<type>}:inflight:<workerId>        the in-flight list to empty (or its older
--                                                   name, {tasks:<type>}:processing:<workerId>)
-- KEYS[2] tasks:<type>                              the normal lane's ready list (oldest at the right)
-- KEYS[3] {tasks:<type>}:stats                      counters
-- KEYS[4] {tasks:<type>}:high                       the high lane's ready list
-- KEYS[5] {tasks:<type>}:low                        the low lane's ready list
-- ARGV[1] the counter to add the moved items to (returned, returned_on_shutdown);
-- ARGV[2] {tasks:<type>}:lock:; ARGV[3] redisson_lock__channel:{tasks:<type>}:lock:;
-- ARGV[4] Redisson's unlock message (0); ARGV[5..] the task ids the list's items hold, as the
-- caller read them
-- Returns the number of items moved.
--! include lane_of
--! include groups
local groups = groupsOf(tagOf(KEYS[3]))
for a = 5, #ARGV do
  if redis.call('DEL', ARGV[2] .. ARGV[a]) == 1 then
    redis.call('PUBLISH', ARGV[3] .. ARGV[a], ARGV[4])
  end
end
local moved = 0
local item = redis.call('LPOP', KEYS[1])
while item do
  local group, id = groupOf(item)
  if group then
    groups.left(group, id)
    groups.ready(item, group, laneOf(item, 'high', 'normal', 'low'), true)
  else
    redis.call('RPUSH', laneOf(item, KEYS[4], KEYS[2], KEYS[5]), item)
  end
  moved = moved + 1
  item = redis.call('LPOP', KEYS[1])
end
if moved > 0 then
  redis.call('HINCRBY', KEYS[3], ARGV[1], moved)
end
return moved
