import type { ControlRequest } from './control-request';
import { BadRequest, OK, validate } from './control-request';
import { reactionSchema } from './control-schemas';
import type { Reply } from './http-io';
import { jsonReply } from './http-io';
import { addReaction, removeReaction } from './reactions';

/** The users in the message's params.LIKE: whoever has any reaction, not only `like`. */
export function likes({ portal, match }: ControlRequest): Reply {
  const messageId = messageIdIn(match);
  return jsonReply(200, { messageId: messageId.toString(), likedBy: portal.state.likedBy(messageId) });
}

export function reactions({ portal, match }: ControlRequest): Reply {
  const messageId = messageIdIn(match);
  return jsonReply(200, { messageId: messageId.toString(), reactions: portal.state.reactionsOn(messageId) });
}

/** Sets a reaction as the messenger's reaction picker does, with its effect on params.LIKE. */
export function setReaction({ portal, body }: ControlRequest): Reply {
  const { messageId, userId, reaction } = validate(reactionSchema, body);
  if (reaction === null) removeReaction(portal.state, messageId, userId);
  else addReaction(portal.state, messageId, userId, reaction);
  return OK;
}

function messageIdIn(match: RegExpExecArray): bigint {
  const raw = match[1] ?? '';
  if (!/^[1-9]\d{0,18}$/.test(raw)) throw new BadRequest('messageId must be a positive decimal integer');
  return BigInt(raw);
}
