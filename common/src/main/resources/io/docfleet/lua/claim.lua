-- claim.lua: claim ready tasks and begin their runs, in one atomic step: move up to N items from
-- the ready list into this worker's in-flight list and, for each, take its task's run lock (in
-- Redisson's lock format: field <Redisson client id>:<owner id> = 1, leased) and record the start.
-- An item whose task already completed, or whose run lock another run holds, is a duplicate: it is
-- taken off the in-flight list again and counted, and nothing else is written for it.
-- KEYS[1] tasks:<type>                              ready list (oldest at the right)
-- KEYS[2] {tasks:<type>}:inflight:<workerId>        this worker's in-flight list
-- KEYS[3] {tasks:<type>}:paused                     present while the type is paused
-- KEYS[4] {tasks:<type>}:assignments                the task records (task id -> JSON)
-- KEYS[5] {tasks:<type>}:assignments:expiry         when each record expires (ms)
-- KEYS[6] {tasks:<type>}:stats                      counters
-- Run locks are {tasks:<type>}:lock:<taskId>, named here from ARGV[5] and the id each item holds.
-- ARGV[1] the most items to move; ARGV[2] now (ms); ARGV[3] when a record written now expires
-- (ms); ARGV[4] the run locks' lease (ms); ARGV[5] {tasks:<type>}:lock:; ARGV[6] the owner fields'
-- start, '<Redisson client id>:'; ARGV[7] the first owner id reserved for this call (the item at
-- position i, from 1, gets ARGV[7] + i - 1); ARGV[8] the worker id as a JSON string;
-- ARGV[9] (optional) an item BLMOVE already moved into the in-flight list: begun first, at
-- position 1, even while the type is paused
-- Returns a list: 1 when the type is paused (nothing was moved) else 0; then four entries per
-- item, oldest first: the item byte for byte, the task id read from it ('' when none could be
-- read), how its begin went (BeginResult.fromReply): the attempt number (1 or more) when its run
-- began (the lock is held, the record says running); 0 when another run holds its lock and -1
-- when it already completed (both dropped as duplicates); -2 when no task id could be read (the
-- item stays in flight, no lock, no record: the caller dead-letters it); and the last_error its
-- record kept from an earlier attempt ('' when none), for the records the run's end writes.

-- The task id and the attempts made, read from an item in the task format. The codec's own output
-- ({"v":1,"id":"...) and a plain pushed item ({"id":"...) without escapes or an attempt field are
-- read with one pattern; anything else goes through cjson (a field of another name that happens to
-- be "attempt" only costs the slower path).
local function idAndAttempt(item)
  if not string.find(item, '\\', 1, true) and not string.find(item, '"attempt"', 1, true) then
    local id = string.match(item, '^{"v":1,"id":"([^"]+)"') or string.match(item, '^{"id":"([^"]+)"')
    if id and string.find(id, '%S') then
      return id, 0
    end
  end
  local ok, task = pcall(cjson.decode, item)
  if not ok or type(task) ~= 'table' then
    return nil, 0
  end
  local id = task.id
  if type(id) == 'number' and id == math.floor(id) and math.abs(id) < 2 ^ 53 then
    id = string.format('%d', id)
  end
  if type(id) ~= 'string' or not string.find(id, '%S') then
    return nil, 0
  end
  local attempt = tonumber(task.attempt) or 0
  return id, math.max(0, math.floor(attempt))
end

-- The status and attempts of a stored record, its end that a new write keeps (last_error and the
-- closing brace) and its last_error ('' when none). TaskRecord writes status and attempts first
-- and last_error last, so one pattern reads them (cjson reads only a last_error, when there is
-- one); anything else goes through cjson whole.
local function stored(record)
  if not record then
    return nil, 0, '}', ''
  end
  local status, attempts = string.match(record, '^{"status":"(%a+)","attempts":(%d+)')
  if status then
    local from = string.find(record, ',"last_error":', 1, true)
    if not from then
      return status, tonumber(attempts), '}', ''
    end
    local tail = string.sub(record, from)
    local ok, fields = pcall(cjson.decode, '{' .. string.sub(tail, 2))
    local lastError = ok and type(fields) == 'table' and fields.last_error or ''
    return status, tonumber(attempts), tail, type(lastError) == 'string' and lastError or ''
  end
  local ok, fields = pcall(cjson.decode, record)
  if not ok or type(fields) ~= 'table' then
    return nil, 0, '}', ''
  end
  if type(fields.last_error) == 'string' then
    local tail = ',"last_error":' .. cjson.encode(fields.last_error) .. '}'
    return fields.status, tonumber(fields.attempts) or 0, tail, fields.last_error
  end
  return fields.status, tonumber(fields.attempts) or 0, '}', ''
end

local inflight, records = KEYS[2], KEYS[4]
local expires, lease, lockPrefix = ARGV[3], tonumber(ARGV[4]), ARGV[5]
local ownerPrefix, firstOwner = ARGV[6], tonumber(ARGV[7])
local running = ',"worker":' .. ARGV[8] .. ',"started_at":' .. ARGV[2]

local items = {}
if ARGV[9] then
  items[1] = ARGV[9]
end
local paused = 0
local most = tonumber(ARGV[1])
if most > 0 then
  if redis.call('EXISTS', KEYS[3]) == 1 then
    paused = 1
  else
    for _ = 1, most do
      local item = redis.call('LMOVE', KEYS[1], inflight, 'RIGHT', 'LEFT')
      if not item then
        break
      end
      items[#items + 1] = item
    end
  end
end

local ids, attempts, asked = {}, {}, {}
for i, item in ipairs(items) do
  local id, attempt = idAndAttempt(item)
  ids[i], attempts[i] = id or false, attempt
  if id then
    asked[#asked + 1] = id
  end
end
local found = {}
if #asked > 0 then
  found = redis.call('HMGET', records, unpack(asked))
end

local reply = {paused}
local writes, expiring = {}, {}
local duplicates, k = 0, 0
for i, item in ipairs(items) do
  local id, result, lastError = ids[i], -2, ''
  if id then
    k = k + 1
    local status, made, tail
    status, made, tail, lastError = stored(found[k])
    local lock = lockPrefix .. id
    if status == 'completed' then
      result = -1
    elseif redis.call('EXISTS', lock) == 1 then
      result = 0
    else
      redis.call('HSET', lock, ownerPrefix .. string.format('%d', firstOwner + i - 1), 1)
      redis.call('PEXPIRE', lock, lease)
      result = math.max(made, attempts[i]) + 1
      writes[#writes + 1] = id
      writes[#writes + 1] = '{"status":"running","attempts":' .. result .. running .. tail
      expiring[#expiring + 1] = expires
      expiring[#expiring + 1] = id
    end
    if result <= 0 then
      redis.call('LREM', inflight, 1, item)
      duplicates = duplicates + 1
    end
  end
  reply[#reply + 1] = item
  reply[#reply + 1] = id or ''
  reply[#reply + 1] = result
  reply[#reply + 1] = lastError
end
if #writes > 0 then
  redis.call('HSET', records, unpack(writes))
  redis.call('ZADD', KEYS[5], unpack(expiring))
end
if duplicates > 0 then
  redis.call('HINCRBY', KEYS[6], 'duplicates', duplicates)
end
return reply
