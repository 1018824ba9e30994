-- submit.lua: queue tasks of one type in one atomic step, honouring idempotency keys: each ready
-- task goes to its lane's list, each task due later to the delayed set.
-- A task that names a group goes to its group's list of the lane, with its turn in the lane's list
-- (include/groups.lua).
-- KEYS[1] tasks:<type>                      the normal lane's ready list (LPUSH in)
-- KEYS[2] {tasks:<type>}:delayed             sorted set by due time (ms)
-- KEYS[3] {tasks:<type>}:stats               counters
-- KEYS[4] {tasks:<type>}:high                the high lane's ready list
-- KEYS[5] {tasks:<type>}:low                 the low lane's ready list
-- KEYS[6..] {tasks:<type>}:idempotency:<k>   one per task that carries an idempotency key
-- ARGV[1] idempotency window in ms
-- ARGV[2..] four per task: raw JSON, index into KEYS of its idempotency key (0 = none),
--           due time in ms (0 = ready now), index into KEYS of its lane's list (1, 4 or 5)
-- Returns a list with, per task, 1 when queued or 0 when its idempotency key was already used.
--! include groups
local window = tonumber(ARGV[1])
local groups = groupsOf(tagOf(KEYS[2]))
local laneNames = {'normal', nil, nil, 'high', 'low'}
local result = {}
local queued = 0
for i = 2, #ARGV, 4 do
  local raw, idem, due = ARGV[i], tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2])
  local fresh = true
  if idem > 0 then
    fresh = redis.call('SET', KEYS[idem], '1', 'NX', 'PX', window) ~= false
  end
  if fresh then
    if due > 0 then
      redis.call('ZADD', KEYS[2], due, raw)
    else
      local group = groupOf(raw)
      if group then
        groups.ready(raw, group, laneNames[tonumber(ARGV[i + 3])], false)
      else
        redis.call('LPUSH', KEYS[tonumber(ARGV[i + 3])], raw)
      end
    end
    queued = queued + 1
    result[#result + 1] = 1
  else
    result[#result + 1] = 0
  end
end
if queued > 0 then
  redis.call('HINCRBY', KEYS[3], 'submitted', queued)
end
return result
