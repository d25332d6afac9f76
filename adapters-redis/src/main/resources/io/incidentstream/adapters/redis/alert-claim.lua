-- A firing alert claims its episode, in one atomic step (AlertEpisodes.claim).
-- KEYS[1] the episode's hash: incident (uuid, or "" when only a resolve was seen), ended (epoch
-- micros, "" while open), expires (epoch millis, by the callers' clock), lease (epoch millis until
-- which an unconfirmed step holds the episode; absent once confirmed), previous and
-- previous_incident (when the resolved episode this one replaced under the same key ended, epoch
-- micros, and its incident; absent for a first episode).
-- ARGV: proposed incident, startsAt (epoch micros), now (epoch millis), retention (millis), lease (millis)
-- Returns {outcome, incident}: OPENED, OPEN, RESOLVED or BUSY.
local now = tonumber(ARGV[3])
local retention = tonumber(ARGV[4])
local fields = redis.call('HMGET', KEYS[1], 'incident', 'ended', 'expires', 'lease')
local incident, ended, expires, lease = fields[1], fields[2], fields[3], fields[4]
-- Expiry follows the callers' clock, as in the in-memory store; the key's TTL collects the rest.
local known = incident and expires and tonumber(expires) > now
if known and lease and tonumber(lease) > now then
  return {'BUSY', incident}
end
if not known or (ended ~= '' and not lease and tonumber(ARGV[2]) > tonumber(ended)) then
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], 'incident', ARGV[1], 'ended', '', 'expires', now + retention,
             'lease', now + tonumber(ARGV[5]))
  if known then
    redis.call('HSET', KEYS[1], 'previous', ended, 'previous_incident', incident)
  end
  redis.call('PEXPIRE', KEYS[1], retention)
  return {'OPENED', ARGV[1]}
end
redis.call('HSET', KEYS[1], 'expires', now + retention)
redis.call('PEXPIRE', KEYS[1], retention)
if ended ~= '' then
  return {'RESOLVED', incident}
end
if lease then
  -- The claim's lease ran out unconfirmed: its request failed and could not take it back, or died.
  -- This request takes it over with the same incident (published or not, the caller checks).
  redis.call('HSET', KEYS[1], 'lease', now + tonumber(ARGV[5]))
  return {'OPENED', incident}
end
return {'OPEN', incident}
