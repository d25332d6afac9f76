-- The stream's epoch, created if missing (after a flush, or a restart without persistence), so
-- that every node notices the loss even when nothing is published.
-- KEYS: 1 meta hash. ARGV: 1 epoch to use if the stream has none.
redis.call('HSETNX', KEYS[1], 'epoch', ARGV[1])
return redis.call('HGET', KEYS[1], 'epoch')
