import type { AddressInfo } from 'node:net';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import pino from 'pino';
import { request } from 'undici';
import type { GatewaySettings } from '../../src/config';
import { buildGateway, type Gateway } from '../../src/server';
import { testResilience } from './resilience';

export interface RunningGateway {
  readonly url: string;
  readonly gateway: Gateway;
  /** Every log line the gateway wrote, as text. */
  readonly logs: string[];
  graphql(body: object, headers?: Record<string, string>): Promise<GraphQLHttpResponse>;
  /** Sends a typed document generated from schema/operations; the body is typed by what it selects. */
  execute<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    headers?: Record<string, string>,
  ): Promise<TypedResponse<TData>>;
  close(): Promise<void>;
}

export interface GraphQLHttpResponse {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly body: { data?: unknown; errors?: Array<Record<string, unknown>> };
  readonly text: string;
}

export interface TypedResponse<TData> extends GraphQLHttpResponse {
  readonly body: { data?: TData | null; errors?: Array<Record<string, unknown>> };
}

/** Bitrix24 settings pointing at an emulator: a webhook, and the emulator as the one portal. */
export function emulatorConfig(
  webhookUrl: string | null,
  portals: string[],
  timeoutMs = 3_000,
): Bitrix24Settings {
  return { webhook: webhookUrl, portals, timeoutMs };
}

/** Bitrix24 settings as an embedder gives them: text, or values already read. */
export type Bitrix24Settings = NonNullable<GatewaySettings['bitrix24']>;

/** The real gateway listening on 127.0.0.1 on a free port, its logs captured. */
export async function startGateway(
  bitrix24: Bitrix24Settings,
  options: Omit<GatewaySettings, 'bitrix24'> = {},
): Promise<RunningGateway> {
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  const gateway = await buildGateway({ resilience: testResilience(), ...options, bitrix24, logger });
  await gateway.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = gateway.app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    gateway,
    logs,
    graphql: (body, headers = {}) => postGraphQL(`${url}/graphql`, body, headers),
    execute: (document, variables, headers) =>
      executeDocument(`${url}/graphql`, document, variables, headers),
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

export async function executeDocument<TData, TVariables>(
  url: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  headers: Record<string, string> = {},
): Promise<TypedResponse<TData>> {
  return (await postGraphQL(url, { query: print(document), variables }, headers)) as TypedResponse<TData>;
}
