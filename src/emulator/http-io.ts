import type { IncomingMessage, ServerResponse } from 'node:http';

/** A complete HTTP answer, built before anything is written so a fault can still replace or drop it. */
export interface Reply {
  status: number;
  body: string;
  headers: Record<string, string>;
}

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Far above anything a REST call carries; stops a runaway client from filling memory. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

export function jsonReply(status: number, payload: unknown): Reply {
  return { status, body: JSON.stringify(payload), headers: { 'content-type': JSON_CONTENT_TYPE } };
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendReply(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.writableEnded) return;
  const body = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) });
  res.end(body);
}
