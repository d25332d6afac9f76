-- The stream went back: Redis holds an older stream than a node has read, in the same epoch (it
-- came back from an older snapshot after a crash, or a backup was restored). Its seqs would be
-- handed out a second time, for other events; so, as when Redis loses the stream, it starts a new
-- epoch, and the entries of the old one go.
-- KEYS: 1 meta hash, 2 stream.
-- ARGV: 1 the epoch the node read, 2 the seq it had read up to, 3 the new epoch.
-- Returns the stream's epoch after the check (false when it has none).
local epoch = redis.call('HGET', KEYS[1], 'epoch')
local seq = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
if epoch == ARGV[1] and seq < tonumber(ARGV[2]) then
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[1], 'epoch', ARGV[3])
  return ARGV[3]
end
return epoch
