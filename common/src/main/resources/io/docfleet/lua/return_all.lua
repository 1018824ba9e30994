-- return_all.lua: return every item of an in-flight list to the head of its ready list, so they
-- are the next to run, in the order they were claimed.
-- KEYS[1] {tasks:<type>}:processing:<workerId>      the in-flight list to empty
-- KEYS[2] tasks:<type>                              ready list (oldest at the right)
-- KEYS[3] {tasks:<type>}:stats                      counters
-- ARGV[1] the counter to add the moved items to (returned, returned_on_shutdown)
-- Returns the number of items moved.
local moved = 0
while redis.call('LMOVE', KEYS[1], KEYS[2], 'LEFT', 'RIGHT') do
  moved = moved + 1
end
if moved > 0 then
  redis.call('HINCRBY', KEYS[3], ARGV[1], moved)
end
return moved
