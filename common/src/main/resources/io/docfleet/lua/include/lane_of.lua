-- include/lane_of.lua: laneOf(item, high, normal, low), the lane list an item goes (back) to, read
-- from its "priority" field. Pasted by LuaScript.load where a script says '--! include lane_of'.
-- An item that never names "priority" (every normal task the codec writes) is normal at once. The
-- codec writes the field right after "type" ({"v":1,"id":"..","type":"..","priority":"high"), so an
-- item without a backslash is read with one pattern; anything else goes through cjson, which also
-- tells a top-level field from one inside the payload. A value other than high or low goes to the
-- normal lane: the worker that claims it dead-letters an unknown one as malformed.
local function laneOf(item, high, normal, low)
  if not string.find(item, '"priority"', 1, true) then
    return normal
  end
  local priority
  if not string.find(item, '\\', 1, true) then
    priority = string.match(item, '^{"v":1,"id":"[^"]*","type":"[^"]*","priority":"(%a+)"')
  end
  if not priority then
    local ok, task = pcall(cjson.decode, item)
    priority = ok and type(task) == 'table' and task.priority
  end
  if priority == 'high' then
    return high
  elseif priority == 'low' then
    return low
  end
  return normal
end
