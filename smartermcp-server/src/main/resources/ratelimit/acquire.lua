-- Checks every limit of one call and consumes from all of them only if all allow it, atomically
-- (a script runs alone on the Redis server), so replicas sharing Redis share the limits.
--
-- KEYS[i]  one key per limit, all with the subject's hash tag so they live in one cluster slot
-- ARGV[1]  now, epoch ms (the calling replica's clock)
-- ARGV[2]  a unique id of the call (member of the windows' sorted sets)
-- then per limit i, at ARGV[3 + 4(i-1)] ...: kind ('w' window, 'b' bucket), limit, window ms or
--   refill tokens per ms, key ttl ms
--
-- Returns a flat list: allowed (1/0), then per limit: allowed (1/0), remaining, reset ms
-- (see RuleState for their meaning).
local now = tonumber(ARGV[1])
local member = ARGV[2]
local n = #KEYS
local ok = {}
local remaining = {}
local reset = {}
local tokens = {}
local stamps = {}
local all = 1

for i = 1, n do
  local base = 3 + (i - 1) * 4
  local kind = ARGV[base]
  local limit = tonumber(ARGV[base + 1])
  local param = tonumber(ARGV[base + 2])
  if kind == 'w' then
    -- an entry counts while it is inside (now - window, now]
    redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - param)
    local count = redis.call('ZCARD', KEYS[i])
    if count >= limit then
      local entry = redis.call('ZRANGE', KEYS[i], count - limit, count - limit, 'WITHSCORES')
      ok[i] = 0
      remaining[i] = 0
      reset[i] = tonumber(entry[2]) + param - now
      all = 0
    else
      ok[i] = 1
      remaining[i] = count
    end
  else
    local state = redis.call('HMGET', KEYS[i], 'tokens', 'ts')
    local t = tonumber(state[1]) or limit
    local ts = tonumber(state[2]) or now
    t = math.min(limit, t + math.max(0, now - ts) * param)
    tokens[i] = t
    -- calls reach Redis out of the order of their times (several replicas, concurrent calls): an older
    -- time refills nothing and never moves the bucket's time back, or the same interval would refill twice
    stamps[i] = math.max(now, ts)
    if t < 1 then
      ok[i] = 0
      remaining[i] = 0
      reset[i] = math.ceil((1 - t) / param)
      all = 0
    else
      ok[i] = 1
    end
  end
end

local result = { all }
for i = 1, n do
  local base = 3 + (i - 1) * 4
  local kind = ARGV[base]
  local limit = tonumber(ARGV[base + 1])
  local param = tonumber(ARGV[base + 2])
  local ttl = tonumber(ARGV[base + 3])
  if kind == 'w' then
    if all == 1 then
      redis.call('ZADD', KEYS[i], now, member)
      redis.call('PEXPIRE', KEYS[i], ttl)
      remaining[i] = limit - (remaining[i] + 1)
    elseif ok[i] == 1 then
      remaining[i] = limit - remaining[i]
    end
    if ok[i] == 1 then
      local oldest = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
      if oldest[2] then
        reset[i] = tonumber(oldest[2]) + param - now
      else
        reset[i] = 0
      end
    end
  else
    local t = tokens[i]
    if all == 1 then
      t = t - 1
      redis.call('HSET', KEYS[i], 'tokens', tostring(t), 'ts', tostring(stamps[i]))
      redis.call('PEXPIRE', KEYS[i], ttl)
    end
    if ok[i] == 1 then
      local whole = math.floor(t)
      remaining[i] = whole
      if whole >= limit then
        reset[i] = 0
      else
        reset[i] = math.ceil((whole + 1 - t) / param)
      end
    end
  end
  result[#result + 1] = ok[i]
  result[#result + 1] = remaining[i]
  result[#result + 1] = reset[i]
end
return result
