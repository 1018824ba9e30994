-- return_items.lua: return in-flight items to the head of their ready list (the next to run),
-- each at most once: orphans, items a live worker holds in Redis but is not running (a failover
-- lost the end that had taken them off its list, or the reply of the claim that put them there).
-- KEYS[1] {tasks:<type>}:processing:<workerId>      the worker's in-flight list
-- KEYS[2] tasks:<type>                              ready list (oldest at the right)
-- KEYS[3] {tasks:<type>}:stats                      counters
-- ARGV[1] the counter to add the moved items to (returned)
-- ARGV[2..] the items, byte for byte as claimed
-- Returns the number of items moved; an item no longer in the list is skipped.
local moved = 0
for i = 2, #ARGV do
  if redis.call('LREM', KEYS[1], -1, ARGV[i]) == 1 then
    redis.call('RPUSH', KEYS[2], ARGV[i])
    moved = moved + 1
  end
end
if moved > 0 then
  redis.call('HINCRBY', KEYS[3], ARGV[1], moved)
end
return moved
