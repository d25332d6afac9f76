-- Appends a batch of events to the stream, all or nothing, each with the next seq.
--
-- KEYS: 1 meta hash (epoch, seq), 2 stream, 3 view hash (incident id -> JSON),
--       4 versions hash (incident id -> seq of its last change), 5 active zset (incident ids by
--       the seq of their last change), 6 closed zset (by the time of their last change, in ms, for
--       the retention), 7 idempotency key of this batch.
-- ARGV: 1 epoch to use if the stream has none yet, 2 stream length kept, 3 stream TTL secs (0: none),
--       4 max incidents, 5 closed incident retention ms, 6 now ms, 7 number of events, 8 the time
--       (Unix ms) after which the node no longer waits for this append, 9 the epoch this node has
--       read ('' before it read any), 10 the seq it has read up to in it, then five per event:
--       incident id or '', expected version (-1: no check), payload, incident after or '', '1' if
--       that incident is active.
-- Returns {'appended', epoch, first seq}, {'conflict', epoch, id, incident JSON or '', version, ...}
-- or {'expired'}.
local meta, stream, view, versions, active, closed, idem =
    KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]
local keep, ttl = tonumber(ARGV[2]), tonumber(ARGV[3])
local maxIncidents, retention, now = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local count = tonumber(ARGV[7])

-- A retried batch (its reply was lost, or the client re-sent it on reconnect) is not appended twice.
local earlier = redis.call('GET', idem)
if earlier then
  local sep = string.find(earlier, ':', 1, true)
  return {'appended', string.sub(earlier, 1, sep - 1), string.sub(earlier, sep + 1)}
end

-- Run too late (Redis stalled while the command waited in its socket), the append would publish
-- what the node has already refused with 503: it does nothing instead.
local time = redis.call('TIME')
if tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) > tonumber(ARGV[8]) then
  return {'expired'}
end

-- The epoch is written only when missing: it changes only when Redis lost the stream.
redis.call('HSETNX', meta, 'epoch', ARGV[1])
local epoch = redis.call('HGET', meta, 'epoch')

-- The stream went back below what this node has read (see rollback.lua): a new epoch first, so
-- that no seq is handed out twice in one epoch.
if ARGV[9] ~= '' and epoch == ARGV[9] and tonumber(redis.call('HGET', meta, 'seq') or '0') < tonumber(ARGV[10]) then
  redis.call('DEL', stream)
  redis.call('HSET', meta, 'epoch', ARGV[1])
  epoch = ARGV[1]
end

-- Resolved and closed incidents past their retention are forgotten first, as the nodes' views
-- forget them: an event about one is then about an incident the stream does not know.
local expired = redis.call('ZRANGEBYSCORE', closed, '-inf', now - retention, 'LIMIT', 0, 1000)
for _, id in ipairs(expired) do
  redis.call('HDEL', view, id)
  redis.call('HDEL', versions, id)
  redis.call('ZREM', closed, id)
end

-- Every event must be based on the incident as it stands now.
local conflict = {'conflict', epoch}
for i = 0, count - 1 do
  local at = 11 + i * 5
  local id, expected = ARGV[at], tonumber(ARGV[at + 1])
  if id ~= '' and expected >= 0 then
    local version = tonumber(redis.call('HGET', versions, id) or '0')
    if version ~= expected then
      table.insert(conflict, id)
      table.insert(conflict, redis.call('HGET', view, id) or '')
      table.insert(conflict, tostring(version))
    end
  end
end
if #conflict > 2 then
  return conflict
end

local first
for i = 0, count - 1 do
  local at = 11 + i * 5
  local seq = redis.call('HINCRBY', meta, 'seq', 1)
  first = first or seq
  redis.call('XADD', stream, 'MAXLEN', keep, seq .. '-0', 'd', ARGV[at + 2], 'e', epoch)
  local id, after = ARGV[at], ARGV[at + 3]
  if after ~= '' then
    redis.call('HSET', view, id, after)
    redis.call('HSET', versions, id, seq)
    if ARGV[at + 4] == '1' then
      redis.call('ZREM', closed, id)
      redis.call('ZADD', active, seq, id)
    else
      redis.call('ZREM', active, id)
      redis.call('ZADD', closed, now, id)
    end
  end
end

-- The view's bound beyond max incidents: the least recently changed go, resolved and closed ones first.
while redis.call('HLEN', view) > maxIncidents do
  local popped = redis.call('ZPOPMIN', closed)
  if #popped == 0 then
    popped = redis.call('ZPOPMIN', active)
  end
  if #popped == 0 then
    break
  end
  redis.call('HDEL', view, popped[1])
  redis.call('HDEL', versions, popped[1])
end

if ttl > 0 then
  redis.call('EXPIRE', stream, ttl)
end
redis.call('SET', idem, epoch .. ':' .. first, 'EX', 300)
return {'appended', epoch, tostring(first)}
