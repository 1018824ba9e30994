-- ready_purge.lua: empty a type's ready list (tasks not yet started) in one atomic step.
-- KEYS[1] tasks:<type>    the ready list
-- Returns how many items were removed.
local removed = redis.call('LLEN', KEYS[1])
if removed > 0 then
  redis.call('DEL', KEYS[1])
end
return removed
