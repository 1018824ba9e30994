-- assignment_finish.lua: record how a task attempt ended and keep the record for the retention.
-- KEYS[1] task:assignments:<taskId>
-- ARGV[1] retention in ms; ARGV[2..] field, value pairs (status, completed_at, last_error, ...)
-- Returns 1.
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]))
return 1
