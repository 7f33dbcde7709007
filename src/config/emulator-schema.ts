import { z } from 'zod';
import type { RateLimit } from '../emulator/leaky-bucket';
import { flag, integer, number, port } from './values';

/** Settings of the standalone emulator program. */
export interface EmulatorConfig {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Bitrix24's standard plan by default; false switches the limit off. */
  readonly rateLimit: Readonly<RateLimit> | false;
  /** HTTPS beside HTTP, on one portal; off unless given a port. */
  readonly https: Readonly<HttpsConfig> | false;
}

/** A self-signed certificate made at start unless both PEM files are given. */
export interface HttpsConfig {
  readonly port: number;
  readonly files?: { readonly certPath: string; readonly keyPath: string };
}

export const emulatorSchema = z
  .object({
    host: z
      .string()
      .refine((host) => host.trim() !== '', 'must not be empty')
      .default('127.0.0.1'),
    port: port.default(4100),
    rateLimit: z
      .object({
        enabled: flag.default(true),
        perSecond: number.positive().default(2),
        burst: integer(1, 1_000_000).default(50),
      })
      .strict()
      .prefault({}),
    https: z
      .object({ port: port.optional(), certPath: z.string().optional(), keyPath: z.string().optional() })
      .strict()
      .prefault({}),
  })
  .strict()
  .transform(({ host, port: httpPort, rateLimit, https }, context): EmulatorConfig => {
    const { certPath, keyPath } = https;
    if ((certPath === undefined) !== (keyPath === undefined)) {
      const message = '{https.certPath} and {https.keyPath} must be set together';
      context.addIssue({ code: 'custom', message });
    } else if (certPath !== undefined && https.port === undefined) {
      context.addIssue({ code: 'custom', message: '{https.certPath} and {https.keyPath} need {https.port}' });
    }
    const { enabled, ...limit } = rateLimit;
    const files = certPath && keyPath ? { files: { certPath, keyPath } } : {};
    return {
      host,
      port: httpPort,
      rateLimit: enabled ? limit : false,
      https: https.port === undefined ? false : { port: https.port, ...files },
    };
  });
