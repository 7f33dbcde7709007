import { batch } from './batch';
import { imMessageLike } from './im-message-like';
import type { MethodHandler } from './method-types';

/** Lower-cased method name -> handler. Adding a method is one line here. */
export type MethodRegistry = ReadonlyMap<string, MethodHandler>;

export function createMethodRegistry(): MethodRegistry {
  return new Map<string, MethodHandler>([
    ['batch', batch],
    ['im.message.like', imMessageLike],
  ]);
}
