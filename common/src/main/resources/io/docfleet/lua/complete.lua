-- complete.lua: complete items: take them off a worker's in-flight list and count how they ended.
-- KEYS[1] {tasks:<type>}:processing:<workerId>      the worker's in-flight list
-- KEYS[2] {tasks:<type>}:stats                      counters
-- ARGV[1] the counter for an item that was still in the list (completed, duplicates)
-- ARGV[2..] the items, byte for byte as claimed
-- Returns a list with, per item, 1 when it was removed and counted, or 0 when it was no longer in
-- the list (a reaper returned it): that completion is stale and counted as stale.
-- LREM searches from the tail (count -1): claims push at the head, so the oldest items, which are
-- the likeliest to be done, sit near the tail, and a long in-flight list is not scanned whole.
local result = {}
local counted, stale = 0, 0
for i = 2, #ARGV do
  if redis.call('LREM', KEYS[1], -1, ARGV[i]) == 1 then
    counted = counted + 1
    result[#result + 1] = 1
  else
    stale = stale + 1
    result[#result + 1] = 0
  end
end
if counted > 0 then
  redis.call('HINCRBY', KEYS[2], ARGV[1], counted)
end
if stale > 0 then
  redis.call('HINCRBY', KEYS[2], 'stale', stale)
end
return result
