-- dead_purge.lua: empty a dead-letter list.
-- KEYS[1] {tasks:<type>}:dead    the dead-letter list
-- KEYS[2] {tasks:<type>}:stats   counters
-- Returns how many entries were removed.
local removed = redis.call('LLEN', KEYS[1])
if removed > 0 then
  redis.call('DEL', KEYS[1])
  redis.call('HINCRBY', KEYS[2], 'dead_purged', removed)
end
return removed
