import { defineScript, type CommandParser } from '@redis/client';

/**
 * A portal's shared bucket in Redis: a hash with the level of settled calls (draining at the portal's rate)
 * and when it was last drained, and a sorted set with one entry per slot held by a call in flight, scored by
 * when that call's deadline passes. Every script reads Redis's own clock, so replicas' clocks never matter
 * (tests pass a time instead). A hold whose deadline passed counts as a settled call from then on: it
 * drains, it never just vanishes. A missing hash (a new bucket, or Redis lost its data) starts full, since
 * Bitrix24's own bucket may be.
 *
 * KEYS: level hash, holds set. ARGV: capacity, drain per ms, idle expiry ms, time or '', then per script.
 */
const PRELUDE = `
local levelKey, heldKey = KEYS[1], KEYS[2]
local capacity, perMs, keepMs = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local now = tonumber(ARGV[4])
if not now then
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
local saved = redis.call('HMGET', levelKey, 'level', 'at')
local level, at = tonumber(saved[1]), tonumber(saved[2])
if not level then level, at = capacity, now end
local ended = redis.call('ZRANGEBYSCORE', heldKey, '-inf', now, 'WITHSCORES')
for i = 2, #ended, 2 do
  local endsAt = tonumber(ended[i])
  level = math.max(0, level - math.max(0, endsAt - at) * perMs) + 1
  at = math.max(at, endsAt)
end
if #ended > 0 then redis.call('ZREMRANGEBYSCORE', heldKey, '-inf', now) end
level = math.max(0, level - math.max(0, now - at) * perMs)
local function save()
  redis.call('HSET', levelKey, 'level', tostring(level), 'at', tostring(now))
  redis.call('PEXPIRE', levelKey, keepMs)
  local held = redis.call('ZCARD', heldKey)
  if held > 0 then redis.call('PEXPIRE', heldKey, keepMs) end
  return held
end
`;

/**
 * ARGV 5, 6: slot id, ms until the call's deadline. Answers [0 to go, or ms until a slot should free; the
 * level; the slots held]. When calls in flight hold every slot, nobody can tell when one settles: ask again
 * after one drain period, or when the first hold ends if sooner.
 */
const ACQUIRE = `${PRELUDE}
local held = redis.call('ZCARD', heldKey)
local excess = level + held + 1 - capacity
local wait = 0
if excess <= 0 then
  redis.call('ZADD', heldKey, now + tonumber(ARGV[6]), ARGV[5])
elseif excess <= level then
  wait = math.ceil(excess / perMs)
else
  local first = redis.call('ZRANGE', heldKey, 0, 0, 'WITHSCORES')
  wait = math.max(1, math.min(math.ceil(1 / perMs), tonumber(first[2]) - now))
end
held = save()
return {wait, tostring(level), held}
`;

/** ARGV 5: slot id. A hold already ended was counted as settled when it ended. */
const SETTLE = `${PRELUDE}
if redis.call('ZREM', heldKey, ARGV[5]) == 1 then level = level + 1 end
return save()
`;

const MARK_FULL = `${PRELUDE}
level = math.max(level, capacity)
return save()
`;

/** What the acquire script answers: 0 to go, or ms until a slot should free; and the bucket as it saw it. */
export type AcquireReply = [waitMs: number, level: string, held: number];

function bucketScript<Reply>(script: string) {
  return defineScript({
    SCRIPT: script,
    NUMBER_OF_KEYS: 2,
    parseCommand(parser: CommandParser, keys: readonly [string, string], args: readonly string[]) {
      parser.pushKeys([...keys]);
      parser.push(...args);
    },
    transformReply: (reply: unknown) => reply as Reply,
  });
}

export const bucketScripts = {
  acquireSlot: bucketScript<AcquireReply>(ACQUIRE),
  settleSlot: bucketScript<number>(SETTLE),
  markBucketFull: bucketScript<number>(MARK_FULL),
};
