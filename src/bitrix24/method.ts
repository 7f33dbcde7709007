/**
 * A Bitrix24 REST method, declared once as data: the client runs any method through one entry point.
 * `Params` is the shape of one call's parameters.
 */
export interface Bitrix24Method<Params> {
  /** The REST name, e.g. `im.message.like`. */
  readonly name: string;
  /** Whether sending this call twice does no harm: decides which failures are retried. */
  idempotent(params: Params): boolean;
  /** Whether a success's `result` is what the method promises; anything else is a bad answer. */
  acceptsResult(result: unknown): boolean;
  /** The method's own error codes (upper case) by which Bitrix24 says it declined and changed nothing. */
  readonly refusals?: ReadonlySet<string>;
}

/** One call of a method with its parameters: the unit the client paces, sends, retries and answers. */
export interface Bitrix24Command<Params = Record<string, unknown>> {
  readonly method: Bitrix24Method<Params>;
  readonly params: Params;
}
