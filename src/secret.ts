import { inspect } from 'node:util';

const REDACTED = '[REDACTED]';

/**
 * A credential (webhook URL, access token) that must never reach a log, an error or a response.
 * Serialising or printing it yields `[REDACTED]`; only the Bitrix24 client calls `reveal()`.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
