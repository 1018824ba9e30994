-- claim.lua: claim ready tasks and begin their runs, in one atomic step: move up to N items from
-- the type's lanes into this worker's in-flight list and, for each, take its task's run lock (in
-- Redisson's lock format: field <Redisson client id>:<owner id> = 1, leased) and record the start.
-- An item whose task already completed, or whose run lock another run holds, is a duplicate: it is
-- taken off the in-flight list again and counted, and nothing else is written for it.
-- Lanes: when the high and low lanes are both empty, items come from the normal lane exactly as
-- before lanes (two LLEN per call). Otherwise each item comes from the highest non-empty lane
-- (ARGV[9] 'strict'), or from a smooth weighted round robin over the non-empty lanes (nginx's:
-- each turn every such lane's current weight grows by its weight, the largest is taken and loses
-- the sum), its current weights kept in KEYS[9] so the shares hold across many small claims.
-- A paused lane counts as empty.
-- Groups (include/groups.lua): an item taken from a lane that is the lane's turn item is replaced
-- by the next task of the ring's next group under its limit (or taken for nothing, the turn owed);
-- a task that names a group but sat in the lane's list itself (a foreign push) goes to its group's
-- list, next in its group, with a turn at the lane's tail. A grouped task whose run begins joins its
-- group's running set.
-- KEYS[1] tasks:<type>                              the normal lane (oldest at the right)
-- KEYS[2] {tasks:<type>}:inflight:<workerId>        this worker's in-flight list
-- KEYS[3] {tasks:<type>}:paused                     present while the type is paused
-- KEYS[4] {tasks:<type>}:assignments                the task records (task id -> JSON)
-- KEYS[5] {tasks:<type>}:assignments:expiry         when each record expires (ms)
-- KEYS[6] {tasks:<type>}:stats                      counters
-- KEYS[7] {tasks:<type>}:high                       the high lane
-- KEYS[8] {tasks:<type>}:low                        the low lane
-- KEYS[9] {tasks:<type>}:lanes                      the lanes' current weights (hash)
-- KEYS[10..12] {tasks:<type>}:paused:high, :paused:normal, :paused:low   present while paused
-- The groups' keys are named from the tag of KEYS[2] (include/groups.lua).
-- Run locks are {tasks:<type>}:lock:<taskId>, named here from ARGV[5] and the id each item holds.
-- ARGV[1] the most items to move; ARGV[2] now (ms); ARGV[3] when a record written now expires
-- (ms); ARGV[4] the run locks' lease (ms); ARGV[5] {tasks:<type>}:lock:; ARGV[6] the owner fields'
-- start, '<Redisson client id>:'; ARGV[7] the first owner id reserved for this call (the item at
-- position i, from 1, gets ARGV[7] + i - 1); ARGV[8] the worker id as a JSON string;
-- ARGV[9] the lanes' weights 'high,normal,low' (e.g. '8,3,1'), or 'strict';
-- ARGV[10] (optional) an item BLMOVE already moved into the in-flight list: begun first, at
-- position 1, even while the type is paused; left out (not begun, not in the reply) when it is no
-- longer in the in-flight list (the orphan sweep returned it while its BLMOVE's reply was on its way)
-- and, as any item from a lane, replaced when it is a turn or moved when it names a group
-- Returns a list: 1 when the type is paused (nothing was moved), else the sum of 2, 4 and 8 for
-- a paused high, normal and low lane (0 when none is); then four entries per
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

--! include lane_of
--! include groups
local inflight, records = KEYS[2], KEYS[4]
local groups = groupsOf(tagOf(KEYS[2]))
local itemGroups = {}

-- An item just moved from a lane into the in-flight list (taken off it again first when `at` is
-- nil: it is at the list's head): a task without a group is kept as it is; a turn is replaced by a
-- group's task (or by nothing); a task that names a group goes to its group's list. Returns the
-- item to begin, or nil.
local function arrived(item, at)
  local turnLane = groups.turnLane(item)
  local group = not turnLane and groupOf(item)
  if not turnLane and not group then
    return item
  end
  if at then
    redis.call('LREM', inflight, 1, item)
  else
    redis.call('LPOP', inflight)
  end
  if turnLane then
    local taken, takenGroup = groups.take(turnLane, inflight)
    if taken then
      itemGroups[taken] = takenGroup
    end
    return taken or nil
  end
  groups.ready(item, group, laneOf(item, 'high', 'normal', 'low'), true)
  return nil
end
local expires, lease, lockPrefix = ARGV[3], tonumber(ARGV[4]), ARGV[5]
local ownerPrefix, firstOwner = ARGV[6], tonumber(ARGV[7])
local running = ',"worker":' .. ARGV[8] .. ',"started_at":' .. ARGV[2]

-- Moves up to most items from the lanes (KEYS[7], KEYS[1], KEYS[8]) whose length is in sizes.
local function fromLanes(items, most, sizes)
  local lanes = {KEYS[7], KEYS[1], KEYS[8]}
  local strict = ARGV[9] == 'strict'
  local weights, current
  if not strict then
    local h, n, l = string.match(ARGV[9], '^(%d+),(%d+),(%d+)$')
    weights = {tonumber(h), tonumber(n), tonumber(l)}
    local turns = redis.call('HMGET', KEYS[9], 'high', 'normal', 'low')
    current = {tonumber(turns[1]) or 0, tonumber(turns[2]) or 0, tonumber(turns[3]) or 0}
  end
  for _ = 1, most do
    local best, total = nil, 0
    for lane = 1, 3 do
      if sizes[lane] > 0 then
        if strict then
          best = best or lane
        else
          current[lane] = current[lane] + weights[lane]
          total = total + weights[lane]
          if not best or current[lane] > current[best] then
            best = lane
          end
        end
      end
    end
    if not best then
      break
    end
    if not strict then
      current[best] = current[best] - total
    end
    items[#items + 1] = arrived(redis.call('LMOVE', lanes[best], KEYS[2], 'RIGHT', 'LEFT'))
    sizes[best] = sizes[best] - 1
  end
  if not strict then
    redis.call('HSET', KEYS[9], 'high', current[1], 'normal', current[2], 'low', current[3])
  end
end

local items = {}
if ARGV[10] and redis.call('LPOS', KEYS[2], ARGV[10]) then
  items[1] = arrived(ARGV[10], true)
end
local paused = 0
local most = tonumber(ARGV[1])
if most > 0 then
  if redis.call('EXISTS', KEYS[3], KEYS[10], KEYS[11], KEYS[12]) > 0 then
    if redis.call('EXISTS', KEYS[3]) == 1 then
      paused = 1
    else
      for lane = 1, 3 do
        paused = paused + redis.call('EXISTS', KEYS[9 + lane]) * 2 ^ lane
      end
    end
  end
  local open = function(lane)
    return paused ~= 1 and math.floor(paused / 2 ^ lane) % 2 == 0
  end
  local high = open(1) and redis.call('LLEN', KEYS[7]) or 0
  local low = open(3) and redis.call('LLEN', KEYS[8]) or 0
  if high == 0 and low == 0 then
    if open(2) then
      for _ = 1, most do
        local item = redis.call('LMOVE', KEYS[1], inflight, 'RIGHT', 'LEFT')
        if not item then
          break
        end
        items[#items + 1] = arrived(item)
      end
    end
  else
    fromLanes(items, most, {high, open(2) and redis.call('LLEN', KEYS[1]) or 0, low})
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
    if itemGroups[item] then
      groups.begun(itemGroups[item], id, result > 0)
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
