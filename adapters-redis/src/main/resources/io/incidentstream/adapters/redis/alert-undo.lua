-- Takes back, or confirms, a step of the caller on an episode (AlertEpisodes.unclaim, unresolve, confirm).
-- KEYS[1] the episode's hash; ARGV: step ('unclaim', 'unresolve' or 'confirm'), incident ("" for none)
-- Returns 1 when the episode changed, 0 when it was not (or no longer) the caller's step.
local fields = redis.call('HMGET', KEYS[1], 'incident', 'ended', 'previous', 'previous_incident')
local incident, ended, previous, previousIncident = fields[1], fields[2], fields[3], fields[4]
if not incident or incident ~= ARGV[2] then
  return 0
end
if ARGV[1] == 'confirm' then
  return redis.call('HDEL', KEYS[1], 'lease')
end
if ARGV[1] == 'unclaim' and ended == '' then
  if previous then
    -- The claim had opened the next episode over a resolved one: that one is back.
    redis.call('HSET', KEYS[1], 'incident', previousIncident or '', 'ended', previous)
    redis.call('HDEL', KEYS[1], 'previous', 'previous_incident', 'lease')
  else
    redis.call('DEL', KEYS[1])
  end
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
