import { randomInt } from 'node:crypto';
import type { EmulatorState } from './emulator-state';

const YEAR_MS = 365 * 24 * 3600 * 1000;
const WEBHOOK_CODE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Demo OAuth tokens. They are public on purpose: the emulator holds no real secrets. */
const DEMO_TOKENS = {
  user1: 'demo-token-user-1',
  user2: 'demo-token-user-2',
  user3: 'demo-token-user-3',
  expired: 'demo-token-expired',
} as const;

/** A webhook code like Bitrix24's: 16 random lower-case letters and digits. */
export function randomWebhookCode(): string {
  return Array.from({ length: 16 }, () => WEBHOOK_CODE_ALPHABET[randomInt(36)]).join('');
}

/**
 * Users 1-3; chat 1 = {1, 2} with messages 1..10; chat 2 = {2, 3} with messages 11..20; nothing liked.
 * The webhook code is passed in so a reset keeps URLs handed out earlier working.
 */
export function seedDemoData(state: EmulatorState, webhookCode: string, now = Date.now()): void {
  [1, 2, 3].forEach((userId) => state.users.add(userId));
  state.addChat(1, [1, 2]);
  state.addChat(2, [2, 3]);
  for (let id = 1; id <= 20; id += 1) state.addMessage(BigInt(id), id <= 10 ? 1 : 2);
  state.addWebhook(1, webhookCode);
  state.addToken(DEMO_TOKENS.user1, 1, now + YEAR_MS);
  state.addToken(DEMO_TOKENS.user2, 2, now + YEAR_MS);
  state.addToken(DEMO_TOKENS.user3, 3, now + YEAR_MS);
  state.addToken(DEMO_TOKENS.expired, 2, now - 1000);
}
