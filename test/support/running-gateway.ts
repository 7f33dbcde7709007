import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { request } from 'undici';
import { parsePortalEntry, parseWebhookUrl } from '../../src/bitrix24/portal';
import type { Bitrix24Config } from '../../src/config';
import { Secret } from '../../src/secret';
import { buildGateway, type Gateway, type GatewayOptions } from '../../src/server';

export interface RunningGateway {
  readonly url: string;
  readonly gateway: Gateway;
  /** Every log line the gateway wrote, as text. */
  readonly logs: string[];
  graphql(body: object, headers?: Record<string, string>): Promise<GraphQLHttpResponse>;
  close(): Promise<void>;
}

export interface GraphQLHttpResponse {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly body: { data?: unknown; errors?: Array<Record<string, unknown>> };
  readonly text: string;
}

/** Bitrix24 settings pointing at an emulator: a webhook, and the emulator as the one portal. */
export function emulatorConfig(
  webhookUrl: string | null,
  portals: string[],
  timeoutMs = 3_000,
): Bitrix24Config {
  return {
    webhook: webhookUrl ? parseWebhookUrl(new Secret(webhookUrl)) : null,
    portals: portals.map(parsePortalEntry),
    privateHosts: [],
    timeoutMs,
    useEmulator: false,
  };
}

/** The real gateway listening on 127.0.0.1 on a free port, its logs captured. */
export async function startGateway(
  bitrix24: Bitrix24Config,
  options: Pick<GatewayOptions, 'production' | 'security'> = {},
): Promise<RunningGateway> {
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  const gateway = await buildGateway({ bitrix24, logger, ...options });
  await gateway.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = gateway.app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    gateway,
    logs,
    graphql: (body, headers = {}) => postGraphQL(`${url}/graphql`, body, headers),
    close: () => gateway.close(),
  };
}

export async function postGraphQL(
  url: string,
  body: object,
  headers: Record<string, string> = {},
): Promise<GraphQLHttpResponse> {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, body: JSON.parse(text), text };
}
