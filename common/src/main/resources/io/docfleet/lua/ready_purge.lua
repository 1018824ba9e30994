-- ready_purge.lua: empty a type's ready lists, every priority lane's (tasks not yet started), in
-- one atomic step, and count what they held as purged.
-- KEYS[1] tasks:<type>            the normal lane's ready list
-- KEYS[2] {tasks:<type>}:stats    counters
-- KEYS[3] {tasks:<type>}:high     the high lane's ready list
-- KEYS[4] {tasks:<type>}:low      the low lane's ready list
-- Returns how many items were removed.
local removed = 0
for _, lane in ipairs({KEYS[1], KEYS[3], KEYS[4]}) do
  removed = removed + redis.call('LLEN', lane)
end
if removed > 0 then
  redis.call('DEL', KEYS[1], KEYS[3], KEYS[4])
  redis.call('HINCRBY', KEYS[2], 'ready_purged', removed)
end
return removed
