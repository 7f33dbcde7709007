/** An OAuth access token known to the portal. `expiresAt` is in epoch milliseconds. */
export interface AccessToken {
  userId: number;
  expiresAt: number;
}

/**
 * The emulated portal's data. Message ids are canonical decimal strings of an int64 so that
 * 18-digit ids survive intact (a JS number would round them).
 */
export class EmulatorState {
  readonly users = new Set<number>();
  /** chat id -> member user ids */
  private readonly chats = new Map<number, Set<number>>();
  /** message id -> chat id */
  private readonly messages = new Map<string, number>();
  /** message id -> the message's params.LIKE: ids of users with any reaction, as the legacy list keeps them */
  private readonly likes = new Map<string, Set<number>>();
  /** message id -> user id -> that user's one reaction on the message ('like', 'redHeart', ...) */
  private readonly reactions = new Map<string, Map<number, string>>();
  /** user id -> that user's webhook codes, oldest first */
  private readonly webhooks = new Map<number, string[]>();
  readonly tokens = new Map<string, AccessToken>();

  clear(): void {
    this.users.clear();
    this.chats.clear();
    this.messages.clear();
    this.likes.clear();
    this.reactions.clear();
    this.webhooks.clear();
    this.tokens.clear();
  }

  addChat(chatId: number, members: readonly number[]): void {
    this.chats.set(chatId, new Set(members));
    members.forEach((member) => this.users.add(member));
  }

  addMessage(messageId: bigint, chatId: number): void {
    this.messages.set(messageId.toString(), chatId);
  }

  addWebhook(userId: number, code: string): void {
    const codes = this.webhooks.get(userId) ?? [];
    if (!codes.includes(code)) codes.push(code);
    this.webhooks.set(userId, codes);
    this.users.add(userId);
  }

  hasWebhook(userId: number, code: string): boolean {
    return this.webhooks.get(userId)?.includes(code) ?? false;
  }

  firstWebhookCode(userId: number): string | undefined {
    return this.webhooks.get(userId)?.[0];
  }

  addToken(token: string, userId: number, expiresAt: number): void {
    this.tokens.set(token, { userId, expiresAt });
    this.users.add(userId);
  }

  /** True when the message exists and the user belongs to its chat. */
  isMemberOfMessageChat(messageId: bigint, userId: number): boolean {
    const chatId = this.messages.get(messageId.toString());
    if (chatId === undefined) return false;
    return this.chats.get(chatId)?.has(userId) ?? false;
  }

  /** Whether the user is in the message's params.LIKE, which any reaction puts them in. */
  isLiked(messageId: bigint, userId: number): boolean {
    return this.likes.get(messageId.toString())?.has(userId) ?? false;
  }

  /** Adds the user to or removes them from params.LIKE alone; reactions are left as they are. */
  setLike(messageId: bigint, userId: number, liked: boolean): void {
    const key = messageId.toString();
    const likers = this.likes.get(key) ?? new Set<number>();
    if (liked) likers.add(userId);
    else likers.delete(userId);
    this.likes.set(key, likers);
  }

  likedBy(messageId: bigint): number[] {
    return [...(this.likes.get(messageId.toString()) ?? [])].sort((a, b) => a - b);
  }

  reactionOf(messageId: bigint, userId: number): string | undefined {
    return this.reactions.get(messageId.toString())?.get(userId);
  }

  /** Sets or (with undefined) removes the user's reaction alone; params.LIKE is left as it is. */
  setReaction(messageId: bigint, userId: number, reaction: string | undefined): void {
    const key = messageId.toString();
    const byUser = this.reactions.get(key) ?? new Map<number, string>();
    if (reaction === undefined) byUser.delete(userId);
    else byUser.set(userId, reaction);
    this.reactions.set(key, byUser);
  }

  /** The message's reactions, by ascending user id. */
  reactionsOn(messageId: bigint): Array<{ userId: number; reaction: string }> {
    const byUser = this.reactions.get(messageId.toString()) ?? new Map<number, string>();
    return [...byUser].sort(([a], [b]) => a - b).map(([userId, reaction]) => ({ userId, reaction }));
  }
}
