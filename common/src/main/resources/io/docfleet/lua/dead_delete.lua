-- dead_delete.lua: remove given entries from a dead-letter list, each byte for byte, and count them
-- as purged; an entry no longer in the list (retried or purged meanwhile) is not counted.
-- KEYS[1] {tasks:<type>}:dead    the dead-letter list
-- KEYS[2] {tasks:<type>}:stats   counters
-- ARGV[1..] the entries to remove
-- Returns how many entries were removed.
local removed = 0
for i = 1, #ARGV do
  removed = removed + redis.call('LREM', KEYS[1], 0, ARGV[i])
end
if removed > 0 then
  redis.call('HINCRBY', KEYS[2], 'dead_purged', removed)
end
return removed
