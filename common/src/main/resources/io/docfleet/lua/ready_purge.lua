-- ready_purge.lua: empty a type's ready list (tasks not yet started) in one atomic step, and count
-- what it held as purged.
-- KEYS[1] tasks:<type>            the ready list
-- KEYS[2] {tasks:<type>}:stats    counters
-- Returns how many items were removed.
local removed = redis.call('LLEN', KEYS[1])
if removed > 0 then
  redis.call('DEL', KEYS[1])
  redis.call('HINCRBY', KEYS[2], 'ready_purged', removed)
end
return removed
