-- claim.lua: move up to N ready tasks into this worker's in-flight list in one atomic step.
-- KEYS[1] tasks:<type>                              ready list (oldest at the right)
-- KEYS[2] {tasks:<type>}:processing:<workerId>      this worker's in-flight list
-- KEYS[3] {tasks:<type>}:paused                     present while the type is paused
-- ARGV[1] the most tasks to move
-- Returns the moved items, oldest first; empty when none is ready or the type is paused.
if redis.call('EXISTS', KEYS[3]) == 1 then
  return {}
end
local claimed = {}
for _ = 1, tonumber(ARGV[1]) do
  local item = redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'LEFT')
  if not item then
    break
  end
  claimed[#claimed + 1] = item
end
return claimed
