-- A resolved alert resolves its episode, in one atomic step (AlertEpisodes.resolve).
-- KEYS[1] the episode's hash (fields as in alert-claim.lua)
-- ARGV: endedAt (epoch micros), now (epoch millis), retention (millis), lease (millis)
-- Returns {outcome, incident}: RESOLVED, ALREADY_RESOLVED, UNKNOWN ("" for no incident) or BUSY.
local now = tonumber(ARGV[2])
local retention = tonumber(ARGV[3])
local fields = redis.call('HMGET', KEYS[1], 'incident', 'ended', 'expires', 'lease', 'previous')
local incident, ended, expires, lease, previous = fields[1], fields[2], fields[3], fields[4], fields[5]
local known = incident and expires and tonumber(expires) > now
if known and lease and tonumber(lease) > now then
  return {'BUSY', incident}
end
local leased = now + tonumber(ARGV[4])
if not known then
  -- Remembered as resolved without an incident, so that a late firing notification opens nothing.
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], 'incident', '', 'ended', ARGV[1], 'expires', now + retention, 'lease', leased)
  redis.call('PEXPIRE', KEYS[1], retention)
  return {'UNKNOWN', ''}
end
redis.call('HSET', KEYS[1], 'expires', now + retention)
redis.call('PEXPIRE', KEYS[1], retention)
if ended ~= '' then
  if lease then
    -- A resolve whose lease ran out unconfirmed: this request takes it over.
    redis.call('HSET', KEYS[1], 'lease', leased)
    if incident == '' then
      return {'UNKNOWN', ''}
    end
    return {'RESOLVED', incident}
  end
  return {'ALREADY_RESOLVED', incident}
end
if previous and tonumber(ARGV[1]) <= tonumber(previous) then
  -- A late copy of the resolve that ended the episode before this one: it resolves nothing now.
  return {'ALREADY_RESOLVED', ''}
end
redis.call('HSET', KEYS[1], 'ended', ARGV[1], 'lease', leased)
return {'RESOLVED', incident}
