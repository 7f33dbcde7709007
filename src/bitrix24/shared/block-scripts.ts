import { defineScript, type CommandParser } from '@redis/client';

/**
 * Operating-time blocks known to every replica: a sorted set of "portal method" members scored by when the
 * block ends on Redis's clock. Durations cross the wire, never a replica's own time.
 */
const NOW = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
`;

/** ARGV: member, ms the block lasts, channel, message. Keeps the later end; tells subscribers. */
const RECORD = `${NOW}
local endsAt = now + tonumber(ARGV[2])
local current = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]))
if not current or current < endsAt then redis.call('ZADD', KEYS[1], endsAt, ARGV[1]) end
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 1
`;

/** Every block still running: member, ms left, member, ms left, ... */
const LIST = `${NOW}
local found = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
for i = 2, #found, 2 do found[i] = tonumber(found[i]) - now end
return found
`;

export const blockScripts = {
  recordBlock: defineScript({
    SCRIPT: RECORD,
    NUMBER_OF_KEYS: 1,
    parseCommand(parser: CommandParser, key: string, args: readonly string[]) {
      parser.pushKey(key);
      parser.push(...args);
    },
    transformReply: (reply: unknown) => reply as number,
  }),
  listBlocks: defineScript({
    SCRIPT: LIST,
    NUMBER_OF_KEYS: 1,
    parseCommand(parser: CommandParser, key: string) {
      parser.pushKey(key);
    },
    transformReply: (reply: unknown) => reply as Array<string | number>,
  }),
};
