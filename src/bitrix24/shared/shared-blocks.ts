import { randomUUID } from 'node:crypto';
import type { OperatingTimeGuard } from '../operating-time-guard';
import type { RedisLink } from './redis-link';

const KEY = 'b24gw:blocks';
const CHANNEL = 'b24gw:blocks';

interface BlockMessage {
  readonly from: string;
  readonly portal: string;
  readonly method: string;
  readonly forMs: number;
}

/**
 * Makes an OPERATION_TIME_LIMIT block seen by one replica known to all until it ends: written through to
 * Redis and published; each replica keeps a local copy (so `blockedFor` stays synchronous), fed by the
 * channel and reloaded whenever its subscription (re)connects. Bitrix24 counts operating time per portal and
 * method, whatever the source IP, so blocks are not keyed by egress. Resolves once subscribed.
 */
export function shareBlocks(link: RedisLink, guard: OperatingTimeGuard): Promise<void> {
  const from = randomUUID();
  guard.onBlocked((portal, method, forMs) => {
    if (!link.shared) return;
    const message = JSON.stringify({ from, portal, method, forMs } satisfies BlockMessage);
    const args = [`${portal} ${method}`, String(Math.ceil(forMs)), CHANNEL, message];
    link.call((client) => client.recordBlock(KEY, args)).catch(() => undefined);
  });
  const learn = (text: string) => {
    const message = parsed(text);
    if (message && message.from !== from) guard.block(message.portal, message.method, message.forMs);
  };
  return link.subscribe(CHANNEL, learn, () => void reload(link, guard));
}

async function reload(link: RedisLink, guard: OperatingTimeGuard): Promise<void> {
  let found: Array<string | number>;
  try {
    found = (await link.call((client) => client.listBlocks(KEY))) as Array<string | number>;
  } catch {
    return;
  }
  for (let i = 0; i + 1 < found.length; i += 2) {
    const [portal = '', method = ''] = String(found[i]).split(' ');
    guard.block(portal, method, Number(found[i + 1]));
  }
}

// Anything on the channel is checked: another program could publish there.
function parsed(text: string): BlockMessage | undefined {
  try {
    const value = JSON.parse(text) as Partial<BlockMessage>;
    const valid =
      typeof value.from === 'string' &&
      typeof value.portal === 'string' &&
      typeof value.method === 'string' &&
      typeof value.forMs === 'number' &&
      value.forMs > 0;
    return valid ? (value as BlockMessage) : undefined;
  } catch {
    return undefined;
  }
}
