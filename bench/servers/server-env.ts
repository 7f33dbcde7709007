import { WEBHOOK_PATH } from '../like-request';

/** What every comparison server is told by the harness. */
export interface ServerEnv {
  readonly port: number;
  /** Origin of the fake Bitrix24, e.g. http://127.0.0.1:40123. */
  readonly upstream: string;
  /** host:port of the upstream, which the answer names as the message's portal. */
  readonly portal: string;
  /** Path of im.message.like on the upstream's webhook. */
  readonly likePath: string;
}

export function readServerEnv(): ServerEnv {
  const upstream = process.env.BENCH_UPSTREAM ?? '';
  return {
    port: Number(process.env.BENCH_PORT),
    upstream,
    portal: new URL(upstream).host,
    likePath: `${WEBHOOK_PATH}im.message.like.json`,
  };
}

/** Bitrix24's ACTION values, as the gateway sends them. */
export const BITRIX24_ACTION: Readonly<Record<string, string>> = {
  PLUS: 'plus',
  MINUS: 'minus',
  AUTO: 'auto',
};
