import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Clock } from './clock';
import { handleControl } from './control-api';
import { EmulatorPortal } from './emulator-portal';
import { BodyTooLargeError, jsonReply, sendReply } from './http-io';
import type { RateLimit } from './leaky-bucket';
import { handleRest } from './rest-handler';

/** How to start an emulated Bitrix24 portal. */
export interface EmulatorOptions {
  /** Interface to bind; default '127.0.0.1'. */
  host?: string;
  /** Port to bind; default 0, a random free port. */
  port?: number;
  /** Request limit per source IP; false disables it. Default: Bitrix24's 2 per second, burst 50. */
  rateLimit?: RateLimit | false;
  /** Load the demo users, chats, messages, webhook and tokens; default true. */
  seed?: boolean;
  /** Epoch milliseconds for every time the portal keeps or reports; tests pass one they move by hand. */
  clock?: Clock;
  /** Also serve the same portal over HTTPS, as real portals require for webhooks. */
  https?: { key: string; cert: string; port?: number };
}

/** A listening emulator. */
export interface RunningEmulator {
  /** e.g. 'http://127.0.0.1:43123' */
  readonly origin: string;
  /** e.g. 'https://127.0.0.1:43124' when serving HTTPS too. */
  readonly httpsOrigin: string | undefined;
  /** `${origin}/rest/${userId}/${code}/` for the user's webhook, created with a random code if missing. */
  webhookUrl(userId: number): string;
  /** Stops listening and destroys every open socket, hung requests included. */
  close(): Promise<void>;
}

const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 2, burst: 50 };

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const portal = new EmulatorPortal(
    options.rateLimit ?? DEFAULT_RATE_LIMIT,
    options.seed ?? true,
    options.clock,
  );
  const host = options.host ?? '127.0.0.1';
  const http = await serve(createServer(), 'http', host, options.port ?? 0, portal);
  const { key, cert, port = 0 } = options.https ?? {};
  const https =
    key && cert ? await serve(createTlsServer({ key, cert }), 'https', host, port, portal) : undefined;
  return {
    origin: http.origin,
    httpsOrigin: https?.origin,
    webhookUrl: (userId) => `${http.origin}/rest/${userId}/${portal.webhookCode(userId)}/`,
    close: async () => {
      await Promise.all([http.close(), https?.close()]);
    },
  };
}

interface Listener {
  origin: string;
  close(): Promise<void>;
}

/** One listener of the portal; control routes build URLs (webhooks) on the origin they were asked on. */
async function serve(
  server: Server,
  scheme: 'http' | 'https',
  host: string,
  port: number,
  portal: EmulatorPortal,
): Promise<Listener> {
  const sockets = new Set<Socket>();
  let origin = '';
  server.on('request', (req: IncomingMessage, res: ServerResponse) => void route(portal, origin, req, res));
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await listen(server, host, port);
  origin = originOf(server, scheme);
  return { origin, close: () => close(server, sockets) };
}

async function route(portal: EmulatorPortal, origin: string, req: IncomingMessage, res: ServerResponse) {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  try {
    if (path.startsWith('/rest/') || path === '/rest') return await handleRest(portal, req, res);
    if (path.startsWith('/_emulator/')) return sendReply(res, await handleControl(portal, origin, req));
    sendReply(res, jsonReply(404, { error: 'NOT_FOUND', message: 'Try /rest/{method} or /_emulator/' }));
  } catch (error) {
    sendReply(res, failureReply(error));
  }
}

function failureReply(error: unknown): ReturnType<typeof jsonReply> {
  if (error instanceof BodyTooLargeError)
    return jsonReply(413, { error: 'REQUEST_TOO_LARGE', message: error.message });
  const message = error instanceof Error ? error.message : String(error);
  return jsonReply(500, {
    error: 'INTERNAL_SERVER_ERROR',
    error_description: `Emulator failure: ${message}`,
  });
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function originOf(server: Server, scheme: 'http' | 'https'): string {
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return `${scheme}://${host}:${port}`;
}

function close(server: Server, sockets: Set<Socket>): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    sockets.forEach((socket) => socket.destroy());
  });
}
