-- dead_letter.lua: dead-letter an item that must not run again: it goes from in-flight to the
-- dead-letter list.
-- KEYS[1] {tasks:<type>}:processing:<workerId>      the worker's in-flight list
-- KEYS[2] {tasks:<type>}:dead                       dead-letter list (newest at the left)
-- KEYS[3] {tasks:<type>}:stats                      counters
-- ARGV[1] the item as claimed; ARGV[2] the dead-letter entry (JSON with the reason);
-- ARGV[3] '1' when a handler failed on it (counted as failed too), '0' when it never ran
-- Returns 1, or 0 when the item was no longer in flight here (stale: nothing is written).
if redis.call('LREM', KEYS[1], -1, ARGV[1]) == 0 then
  redis.call('HINCRBY', KEYS[3], 'stale', 1)
  return 0
end
redis.call('LPUSH', KEYS[2], ARGV[2])
redis.call('HINCRBY', KEYS[3], 'dead_lettered', 1)
if ARGV[3] == '1' then
  redis.call('HINCRBY', KEYS[3], 'failed', 1)
end
return 1
