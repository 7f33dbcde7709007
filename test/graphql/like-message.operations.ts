import { print } from 'graphql';
import { LikeMessageDocument, LikeMessagesDocument } from '../generated/graphql';

/**
 * The operation a client writes (schema/operations/like-message.graphql): every outcome of the union in one
 * selection. Tests send the document codegen generated from it, so a schema change that breaks it breaks them.
 */
export const LIKE_MESSAGE = print(LikeMessageDocument);

/** The bulk operation (schema/operations/like-messages.graphql). */
export const LIKE_MESSAGES = print(LikeMessagesDocument);
