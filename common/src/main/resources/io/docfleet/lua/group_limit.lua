-- group_limit.lua: set (or remove) the most tasks of one group, or of every group ('*'), that may be
-- in flight at once across the fleet on this queue, in one atomic step: where the limit rose or went,
-- the groups it frees take turns again and the turns their lanes owe are repaid (include/groups.lua).
-- KEYS[1] {tasks:<type>}:groups:limits              HASH group -> limit ('*': every group's)
-- KEYS[2] {tasks:<type>}:groups                     SET of the groups with tasks ready or running
-- ARGV[1] the group, or '*'; ARGV[2] the limit (a whole number >= 1), or '' to remove it
-- Returns the limit that applied before ('' when none did).
--! include groups
local groups = groupsOf(tagOf(KEYS[1]))
local before = redis.call('HGET', KEYS[1], ARGV[1]) or ''
if ARGV[2] == '' then
  redis.call('HDEL', KEYS[1], ARGV[1])
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
local affected = ARGV[1] == '*' and redis.call('SMEMBERS', KEYS[2]) or {ARGV[1]}
for _, group in ipairs(affected) do
  groups.reopen(group, math.huge)
end
return before
