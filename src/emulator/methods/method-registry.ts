import { imMessageLike } from './im-message-like';
import type { MethodHandler } from './method-types';

/** Lower-cased method name -> handler. Adding a method (e.g. `batch`) is one line here. */
export type MethodRegistry = ReadonlyMap<string, MethodHandler>;

export function createMethodRegistry(): MethodRegistry {
  return new Map<string, MethodHandler>([['im.message.like', imMessageLike]]);
}
