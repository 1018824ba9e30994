-- dead_retry.lua: queue dead-letter entries again on their lane's ready list (read from the task,
-- see include/lane_of.lua), each exactly once, with their attempts reset: the caller passes each
-- task with attempt 0, and here its record's attempts go back to 0 too (unless the task completed
-- since), so its next start is attempt 1 again.
-- A grouped task goes to its group's list, with its turn (include/groups.lua).
-- KEYS[1] {tasks:<type>}:dead                       the dead-letter list
-- KEYS[2] tasks:<type>                              the normal lane's ready list (LPUSH in)
-- KEYS[3] {tasks:<type>}:stats                      counters
-- KEYS[4] {tasks:<type>}:assignments                the task records (task id -> JSON)
-- KEYS[5] {tasks:<type>}:high                       the high lane's ready list
-- KEYS[6] {tasks:<type>}:low                        the low lane's ready list
-- ARGV triples: the dead-letter entry exactly as it was read, the task to queue for it, its id
-- Returns how many entries were moved; an entry already gone (another caller retried or purged
-- it) is skipped, so no task is queued twice.
--! include lane_of
--! include groups
local groups = groupsOf(tagOf(KEYS[1]))
local function reset(record)
  local status = string.match(record, '^{"status":"(%a+)","attempts":%d+')
  if status then
    if status == 'completed' then
      return nil
    end
    return (string.gsub(record, '^({"status":"%a+","attempts":)%d+', '%10', 1))
  end
  local ok, fields = pcall(cjson.decode, record)
  if not ok or type(fields) ~= 'table' or fields.status == 'completed' then
    return nil
  end
  fields.attempts = 0
  return cjson.encode(fields)
end

local moved = 0
for i = 1, #ARGV, 3 do
  if redis.call('LREM', KEYS[1], 1, ARGV[i]) == 1 then
    local group = groupOf(ARGV[i + 1])
    if group then
      groups.ready(ARGV[i + 1], group, laneOf(ARGV[i + 1], 'high', 'normal', 'low'), false)
    else
      redis.call('LPUSH', laneOf(ARGV[i + 1], KEYS[5], KEYS[2], KEYS[6]), ARGV[i + 1])
    end
    moved = moved + 1
    local record = redis.call('HGET', KEYS[4], ARGV[i + 2])
    local again = record and reset(record)
    if again then
      redis.call('HSET', KEYS[4], ARGV[i + 2], again)
    end
  end
end
if moved > 0 then
  redis.call('HINCRBY', KEYS[3], 'dead_retried', moved)
end
return moved
