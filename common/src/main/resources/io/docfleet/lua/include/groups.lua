-- include/groups.lua: fair share between groups within a lane, for every script that puts a task
-- into a ready list, takes one out, or ends its run. Pasted by LuaScript.load where a script says
-- '--! include groups'; groupsOf(tag) gives the functions for one queue, from its hash tag
-- ({tasks:<type>}, any prefix inside the braces; tagOf(key) reads it from a key of the queue).
-- A task that names a valid "group" waits in its group's list of its lane, not in the lane's list
-- (io.docfleet.redis.GroupKeys names the same keys for Java):
--   {tasks:<type>}:group:<g>              the group's normal-lane list (oldest at the right)
--   {tasks:<type>}:group:<g>:high, :low   the group's other lanes
--   {tasks:<type>}:group:<g>:running      SET: the group's task ids in flight, on any worker
--   {tasks:<type>}:groups                 SET: the groups with tasks ready or running
--   {tasks:<type>}:groups:ring:<lane>     LIST: the lane's groups in the order they take turns
--                                         (tail next); a group is in it at most once:
--   {tasks:<type>}:groups:ringed          SET: '<lane>:<g>' for each group in a ring
--   {tasks:<type>}:groups:owed            HASH: lane -> grouped ready tasks without a turn
--   {tasks:<type>}:groups:limits          HASH: group -> most of its tasks in flight at once
--                                         ('*': every group's); absent or 0: no limit
-- For each grouped ready task the lane's list holds a turn (the lane's turn item, TURNS below) or,
-- while no group could use one, owed counts it: turns + owed = the lane's grouped ready tasks,
-- always. A claim that takes a turn takes the next task of the ring's next group under its limit;
-- when no group is, the turn becomes owed. A grouped run that leaves its in-flight list frees a
-- place of its group, so one owed turn of each lane where the group has ready tasks goes back to
-- that lane. Lane lengths (KEDA, BLMOVE, the monitors) so count grouped tasks too, and a group with
-- ten tasks is not behind one with 50,000. A task without a group is in the lane's list itself.
local GROUP_LANES = {'high', 'normal', 'low'}
local TURNS = {
  high = '{"turn":"high","priority":"high"}',
  normal = '{"turn":"normal"}',
  low = '{"turn":"low","priority":"low"}'
}
local TURN_LANES = {[TURNS.high] = 'high', [TURNS.normal] = 'normal', [TURNS.low] = 'low'}

-- The group an item names when it is a valid one (1 to 64 letters, digits, '.', '_', '@', '-',
-- starting with a letter or digit), and its task id as text; else nil: a task with a malformed
-- group is in no group here, and the worker that claims it dead-letters it. An item that never
-- says "group" is read no further.
local function groupOf(item)
  if not string.find(item, '"group"', 1, true) then
    return nil
  end
  local ok, task = pcall(cjson.decode, item)
  local group = ok and type(task) == 'table' and task.group
  if type(group) == 'string' and #group <= 64 and string.find(group, '^[%w][%w%._@%-]*$') then
    local id = task.id
    return group, type(id) == 'number' and string.format('%d', id) or tostring(id)
  end
  return nil
end

local function groupsOf(tag)
  local G = {}
  -- the lane lists: tasks:<type> (the tag without its braces), {tasks:<type>}:high and :low
  local lanes = {high = tag .. ':high', normal = string.sub(tag, 2, -2), low = tag .. ':low'}
  local known, ringed, owed, limits =
    tag .. ':groups', tag .. ':groups:ringed', tag .. ':groups:owed', tag .. ':groups:limits'
  local suffix = {high = ':high', normal = '', low = ':low'}
  -- per group, the tasks this call took whose runs have not begun yet (a claim takes several,
  -- then begins them): they count against the group's limit as running ones do
  local taking = {}

  function G.list(group, lane)
    return tag .. ':group:' .. group .. suffix[lane]
  end

  function G.running(group)
    return tag .. ':group:' .. group .. ':running'
  end

  local function ring(lane)
    return tag .. ':groups:ring:' .. lane
  end

  -- The lane whose turn item this is, or nil.
  function G.turnLane(item)
    return TURN_LANES[item]
  end

  -- How many more of the group's tasks may start now (math.huge when it has no limit).
  local function free(group)
    local set = redis.call('HMGET', limits, group, '*')
    local most = tonumber(set[1]) or tonumber(set[2]) or 0
    if most <= 0 then
      return math.huge
    end
    return most - redis.call('SCARD', G.running(group)) - (taking[group] or 0)
  end

  local function ringIn(group, lane)
    if redis.call('SADD', ringed, lane .. ':' .. group) == 1 then
      redis.call('LPUSH', ring(lane), group)
    end
  end

  local function ringOut(group, lane)
    redis.call('SREM', ringed, lane .. ':' .. group)
  end

  -- Turns of the lane that were owed, up to most, back to the head of the lane's list (the next
  -- taken): those tasks waited already.
  local function repay(lane, most)
    local due = math.min(tonumber(redis.call('HGET', owed, lane)) or 0, most)
    for _ = 1, due do
      redis.call('RPUSH', lanes[lane], TURNS[lane])
    end
    if due > 0 then
      redis.call('HINCRBY', owed, lane, -due)
    end
  end

  -- Forgets a group with nothing ready and nothing running (its limit stays).
  local function forgetIdle(group)
    if redis.call('SCARD', G.running(group)) > 0 then
      return
    end
    for _, lane in ipairs(GROUP_LANES) do
      if redis.call('LLEN', G.list(group, lane)) > 0 then
        return
      end
    end
    redis.call('SREM', known, group)
  end

  -- A grouped task is ready: into its group's list of the lane, new at the tail of its order
  -- (LPUSH) or, when next, at its head (RPUSH: a returned task), with a turn in the lane's list at
  -- the same end while the group has room for it, else owed. The turns this call gave a group
  -- count against its room, so a backlog of a limited group queued in one call gets as many turns
  -- as the group may run, not one per task.
  local turned = {}
  function G.ready(item, group, lane, next)
    local push = next and 'RPUSH' or 'LPUSH'
    redis.call(push, G.list(group, lane), item)
    redis.call('SADD', known, group)
    if free(group) - (turned[group] or 0) > 0 then
      turned[group] = (turned[group] or 0) + 1
      ringIn(group, lane)
      redis.call(push, lanes[lane], TURNS[lane])
    else
      redis.call('HINCRBY', owed, lane, 1)
    end
  end

  -- A turn of the lane was taken: moves the next task of the ring's next group that is under its
  -- limit into the list `into` (at its head) and returns it with its group; returns nil, and owes
  -- the turn, when no group is. Groups found empty or at their limit leave the ring (a run end or a
  -- new task brings them back).
  function G.take(lane, into)
    local turns = ring(lane)
    for _ = 1, redis.call('LLEN', turns) do
      local group = redis.call('RPOP', turns)
      local list = G.list(group, lane)
      local item = free(group) > 0 and redis.call('LMOVE', list, into, 'RIGHT', 'LEFT')
      if item then
        taking[group] = (taking[group] or 0) + 1
        if redis.call('LLEN', list) > 0 then
          redis.call('LPUSH', turns, group)
        else
          ringOut(group, lane)
        end
        return item, group
      end
      ringOut(group, lane)
    end
    redis.call('HINCRBY', owed, lane, 1)
    return nil
  end

  -- A task this call took began its run (its id is in flight), or was dropped (a duplicate: it
  -- left the in-flight list at once).
  function G.begun(group, id, began)
    taking[group] = taking[group] - 1
    if began then
      redis.call('SADD', G.running(group), id)
    else
      G.left(group, id)
    end
  end

  -- A grouped item left an in-flight list (its run ended, or it was returned): a place of its
  -- group is free, so each lane where the group has ready tasks gets an owed turn back.
  function G.left(group, id)
    redis.call('SREM', G.running(group), id)
    G.reopen(group, 1)
    forgetIdle(group)
  end

  -- Up to `places` more of the group's tasks may start (a run ended, its limit was raised), as far
  -- as its limit lets them: it takes turns again in each lane where it has ready tasks, with owed
  -- turns repaid.
  function G.reopen(group, places)
    local room = math.min(places, free(group))
    if room <= 0 then
      return
    end
    for _, lane in ipairs(GROUP_LANES) do
      local ready = redis.call('LLEN', G.list(group, lane))
      if ready > 0 then
        ringIn(group, lane)
        repay(lane, math.min(ready, room))
      end
    end
  end

  -- Empties every group's ready lists and the rings; returns the grouped tasks that were ready.
  function G.purge()
    local removed = 0
    for _, lane in ipairs(GROUP_LANES) do
      removed = removed + (tonumber(redis.call('HGET', owed, lane)) or 0)
      redis.call('DEL', ring(lane))
    end
    redis.call('DEL', owed, ringed)
    for _, group in ipairs(redis.call('SMEMBERS', known)) do
      for _, lane in ipairs(GROUP_LANES) do
        redis.call('DEL', G.list(group, lane))
      end
      forgetIdle(group)
    end
    return removed
  end

  return G
end

-- The hash tag ({...}) a key's name starts with.
local function tagOf(key)
  return string.match(key, '^(%b{})')
end
