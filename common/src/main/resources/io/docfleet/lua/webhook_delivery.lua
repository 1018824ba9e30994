-- webhook_delivery.lua: counts one webhook delivery attempt's outcome for its destination (the
-- callback URL's origin), keeps the index of destinations bounded (drops the least recently used
-- past the cap, deleting its hash) and renews both keys' TTL.
-- KEYS[1] {metrics}:webhook_destinations           sorted set: destination segment -> last attempt (ms)
-- KEYS[2] {metrics}:webhook_destination:<origin>   the destination's hash
-- ARGV[1] the origin (scheme://host[:port]); ARGV[2] its segment (KEYS[2] after ARGV[6]);
-- ARGV[3] now (ms); ARGV[4] how long an unused destination is kept (ms); ARGV[5] the most
-- destinations kept; ARGV[6] {metrics}:webhook_destination: (a dropped destination's hash is
-- ARGV[6] .. its segment, in the same slot); ARGV[7] the attempt's latency in ms, or '';
-- ARGV[8] the failure (HTTP status or error class), or ''; ARGV[9..] the counters to add 1 to
-- (delivered, failed, dead_lettered)
-- Returns the number of destinations dropped to keep the cap.
local now = ARGV[3]
redis.call('HSET', KEYS[2], 'destination', ARGV[1], 'last_attempt_at', now)
if ARGV[7] ~= '' then
  redis.call('HSET', KEYS[2], 'last_latency_ms', ARGV[7])
end
for i = 9, #ARGV do
  local counter = ARGV[i]
  redis.call('HINCRBY', KEYS[2], counter, 1)
  if counter == 'delivered' then
    redis.call('HSET', KEYS[2], 'last_delivered_at', now)
  elseif counter == 'failed' and ARGV[8] ~= '' then
    redis.call('HSET', KEYS[2], 'last_error', ARGV[8], 'last_error_at', now)
  end
end
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('ZADD', KEYS[1], now, ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. (tonumber(now) - tonumber(ARGV[4])))
local over = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[5])
if over > 0 then
  for _, segment in ipairs(redis.call('ZRANGE', KEYS[1], 0, over - 1)) do
    redis.call('DEL', ARGV[6] .. segment)
  end
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, over - 1)
else
  over = 0
end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return over
