-- dead_retry.lua: queue dead-letter entries again on the ready list, each exactly once. The caller
-- has reset the tasks' attempts in their task:assignments records already (assignment_write.lua's
-- 'dead_retried'; those records are in other hash slots), and passes each item with attempt 0.
-- KEYS[1] {tasks:<type>}:dead    the dead-letter list
-- KEYS[2] tasks:<type>           ready list (LPUSH in)
-- KEYS[3] {tasks:<type>}:stats   counters
-- ARGV pairs: the dead-letter entry exactly as it was read, the task to queue for it
-- Returns how many entries were moved; an entry already gone (another caller retried or purged
-- it) is skipped, so no task is queued twice.
local moved = 0
for i = 1, #ARGV, 2 do
  if redis.call('LREM', KEYS[1], 1, ARGV[i]) == 1 then
    redis.call('LPUSH', KEYS[2], ARGV[i + 1])
    moved = moved + 1
  end
end
if moved > 0 then
  redis.call('HINCRBY', KEYS[3], 'dead_retried', moved)
end
return moved
