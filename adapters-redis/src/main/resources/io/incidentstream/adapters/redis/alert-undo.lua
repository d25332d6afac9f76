-- Takes back, or confirms, a step of the caller on an episode (AlertEpisodes.unclaim, unresolve, confirm).
-- KEYS[1] the episode's hash; ARGV: step ('unclaim', 'unresolve' or 'confirm'), incident ("" for none)
-- Returns 1 when the episode changed, 0 when it was not (or no longer) the caller's step.
local fields = redis.call('HMGET', KEYS[1], 'incident', 'ended')
local incident, ended = fields[1], fields[2]
if not incident or incident ~= ARGV[2] then
  return 0
end
if ARGV[1] == 'confirm' then
  return redis.call('HDEL', KEYS[1], 'lease')
end
if ARGV[1] == 'unclaim' and ended == '' then
  redis.call('DEL', KEYS[1])
  return 1
end
if ARGV[1] == 'unresolve' and ended ~= '' then
  if incident == '' then
    redis.call('DEL', KEYS[1])
  else
    redis.call('HSET', KEYS[1], 'ended', '')
    redis.call('HDEL', KEYS[1], 'lease')
  end
  return 1
end
return 0
