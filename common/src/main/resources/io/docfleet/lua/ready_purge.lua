-- ready_purge.lua: empty a type's ready lists, every priority lane's (tasks not yet started), in
-- one atomic step, and count what they held as purged.
-- The groups' ready lists and turns go too (include/groups.lua); their running sets stay.
-- KEYS[1] tasks:<type>            the normal lane's ready list
-- KEYS[2] {tasks:<type>}:stats    counters
-- KEYS[3] {tasks:<type>}:high     the high lane's ready list
-- KEYS[4] {tasks:<type>}:low      the low lane's ready list
-- Returns how many items were removed.
--! include groups
local removed = groupsOf(tagOf(KEYS[2])).purge()
for _, lane in ipairs({KEYS[1], KEYS[3], KEYS[4]}) do
  removed = removed + redis.call('LLEN', lane)
end
redis.call('DEL', KEYS[1], KEYS[3], KEYS[4])
if removed > 0 then
  redis.call('HINCRBY', KEYS[2], 'ready_purged', removed)
end
return removed
