-- One node's presence tick, in one round trip (see RedisPresenceStore).
-- KEYS[1] this node's hash (incident id -> JSON of its watchers there, "_v" -> version)
-- KEYS[2] the set of node ids
-- ARGV: node id, key prefix of node hashes, ttl ms, full (1/0), version,
--       n changes, n * (field, value or "" to delete), then (node, known version) pairs of other nodes.
local me, nodePrefix, ttl, full, version = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local changes = tonumber(ARGV[6])
local existed = redis.call('EXISTS', KEYS[1])
if full == '1' then
  redis.call('DEL', KEYS[1])
end
if full == '1' or existed == 1 then
  for i = 0, changes - 1 do
    local field, value = ARGV[7 + 2 * i], ARGV[8 + 2 * i]
    if value == '' then
      redis.call('HDEL', KEYS[1], field)
    else
      redis.call('HSET', KEYS[1], field, value)
    end
  end
  redis.call('HSET', KEYS[1], '_v', version)
  redis.call('PEXPIRE', KEYS[1], ttl)
  redis.call('SADD', KEYS[2], me)
end
local known = {}
for i = 7 + 2 * changes, #ARGV - 1, 2 do
  known[ARGV[i]] = ARGV[i + 1]
end
-- Every other live node: its version, and its whole hash when that changed since this node read it.
local others = {}
for _, node in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if node ~= me then
    local key = nodePrefix .. node
    local v = redis.call('HGET', key, '_v')
    if not v then
      redis.call('SREM', KEYS[2], node)
    elseif known[node] == v then
      table.insert(others, {node, v})
    else
      table.insert(others, {node, v, redis.call('HGETALL', key)})
    end
  end
end
return {full == '1' and 1 or existed, others}
