import type { z } from 'zod';
import type { setupSchema } from './control-schemas';
import type { EmulatorState } from './emulator-state';
import { addReaction, LIKE_REACTION } from './reactions';

/** Merges a validated setup into the state; existing chats named again get the new member list. */
export function applySetup(
  state: EmulatorState,
  setup: z.output<typeof setupSchema>,
  now = Date.now(),
): void {
  setup.users?.forEach((userId) => state.users.add(userId));
  setup.chats?.forEach((chat) => state.addChat(chat.id, chat.members));
  setup.messages?.forEach((message) => state.addMessage(message.id, message.chatId));
  setup.webhooks?.forEach((webhook) => state.addWebhook(webhook.userId, webhook.code));
  setup.tokens?.forEach((t) => state.addToken(t.token, t.userId, now + t.expiresInSec * 1000));
  setup.likes?.forEach((like) => addReaction(state, like.messageId, like.userId, LIKE_REACTION));
  setup.reactions?.forEach((r) => addReaction(state, r.messageId, r.userId, r.reaction));
}
