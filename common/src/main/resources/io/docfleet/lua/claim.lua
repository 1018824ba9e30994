-- claim.lua: move up to N ready tasks into this worker's in-flight list in one atomic step.
-- KEYS[1] tasks:<type>                              ready list (oldest at the right)
-- KEYS[2] {tasks:<type>}:processing:<workerId>      this worker's in-flight list
-- KEYS[3] {tasks:<type>}:paused                     present while the type is paused
-- ARGV[1] the most tasks to move
-- Returns a list: first 1 when the type is paused (nothing is moved) else 0, then the moved items,
-- oldest first (none when none is ready). The flag spares an idle worker a separate check of the
-- pause before it blocks on BLMOVE.
if redis.call('EXISTS', KEYS[3]) == 1 then
  return {1}
end
local claimed = {0}
for _ = 1, tonumber(ARGV[1]) do
  local item = redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'LEFT')
  if not item then
    break
  end
  claimed[#claimed + 1] = item
end
return claimed
