-- assignment_trim.lua: remove the task records whose retention ran out (a record is kept for
-- TASK_ASSIGNMENT_RETENTION after its last write); safe with any number of callers.
-- KEYS[1] {tasks:<type>}:assignments                the task records (task id -> JSON)
-- KEYS[2] {tasks:<type>}:assignments:expiry         when each record expires (ms)
-- ARGV[1] now (ms); ARGV[2] the most records to remove in one call
-- Returns the number of records removed.
local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
if #due > 0 then
  redis.call('HDEL', KEYS[1], unpack(due))
  redis.call('ZREM', KEYS[2], unpack(due))
end
return #due
