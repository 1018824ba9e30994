-- promote.lua: move delayed tasks whose time has come back to their lane's ready list (a retry
-- returns to the lane it came from: the lane is read from the item, see include/lane_of.lua).
-- A grouped task goes to its group's list, with its turn (include/groups.lua).
-- Safe with any number of callers: each item is moved by exactly one of them.
-- KEYS[1] {tasks:<type>}:delayed                    sorted set by due time (ms)
-- KEYS[2] tasks:<type>                              the normal lane's ready list (LPUSH in)
-- KEYS[3] {tasks:<type>}:high                       the high lane's ready list
-- KEYS[4] {tasks:<type>}:low                        the low lane's ready list
-- ARGV[1] now in ms; ARGV[2] the most items to move in one call
-- Returns the number of items moved.
--! include lane_of
--! include groups
local groups = groupsOf(tagOf(KEYS[1]))
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, item in ipairs(due) do
  redis.call('ZREM', KEYS[1], item)
  local group = groupOf(item)
  if group then
    groups.ready(item, group, laneOf(item, 'high', 'normal', 'low'), false)
  else
    redis.call('LPUSH', laneOf(item, KEYS[3], KEYS[2], KEYS[4]), item)
  end
end
return #due
