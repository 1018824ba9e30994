-- assignment_move.lua: migrate-keys moves one task record of the older form (a hash of its own,
-- task:assignments:<taskId>, read by the caller) into its queue's hash, with its expiry. A record
-- the queue already has for the task is never overwritten.
-- KEYS[1] {tasks:<type>}:assignments                the task records (task id -> JSON)
-- KEYS[2] {tasks:<type>}:assignments:expiry         when each record expires (ms)
-- ARGV[1] the task id; ARGV[2] its record (JSON, TaskRecord); ARGV[3] when it expires (ms)
-- Returns 1 when moved, 2 when the queue holds exactly this record already (a move interrupted
-- before the old key was removed), 0 when it holds another one (the newer record stays).
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
  return 1
end
if current == ARGV[2] then
  return 2
end
return 0
