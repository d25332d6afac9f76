-- Where a node starts: the epoch (created if the stream has none), the last seq, and the incident
-- view as of that seq, read in one atomic step so that they agree.
--
-- KEYS: 1 meta hash, 2 view hash, 3 versions hash. ARGV: 1 epoch to use if the stream has none.
-- Returns {epoch, seq, {id, JSON, ...}, {id, version, ...}}.
redis.call('HSETNX', KEYS[1], 'epoch', ARGV[1])
local epoch = redis.call('HGET', KEYS[1], 'epoch')
local seq = redis.call('HGET', KEYS[1], 'seq') or '0'
return {epoch, seq, redis.call('HGETALL', KEYS[2]), redis.call('HGETALL', KEYS[3])}
