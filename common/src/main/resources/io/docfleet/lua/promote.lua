-- promote.lua: move delayed tasks whose time has come back to the ready list.
-- Safe with any number of callers: each item is moved by exactly one of them.
-- KEYS[1] {tasks:<type>}:delayed                    sorted set by due time (ms)
-- KEYS[2] tasks:<type>                              ready list (LPUSH in)
-- ARGV[1] now in ms; ARGV[2] the most items to move in one call
-- Returns the number of items moved.
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, item in ipairs(due) do
  redis.call('ZREM', KEYS[1], item)
  redis.call('LPUSH', KEYS[2], item)
end
return #due
