import { z } from 'zod';
import type { EmulatorPortal } from './emulator-portal';
import { jsonReply } from './http-io';

/** Everything a control route may need besides the portal. */
export interface ControlRequest {
  portal: EmulatorPortal;
  origin: string;
  match: RegExpExecArray;
  body: unknown;
}

/** Thrown by a route for input it cannot use; answered 400 with the message. */
export class BadRequest extends Error {}

export const OK = jsonReply(200, { ok: true });

export function validate<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new BadRequest(z.prettifyError(parsed.error));
  return parsed.data;
}
