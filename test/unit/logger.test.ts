import { Writable } from 'node:stream';
import { createLogger, scrub } from '../../src/logger';
import { Secret } from '../../src/secret';

function capture(secrets: Secret[] = []) {
  const lines: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(line) }, secrets);
  return { logger, lines };
}

describe('the logger strips credentials from every line', () => {
  it('removes a webhook code wherever a message or stack quotes the URL', () => {
    const { logger, lines } = capture();
    const error = Object.assign(new TypeError('Invalid URL'), {
      input: 'https://acme.bitrix24.com/rest/1/w3bh00k5ecret/im.message.like.json',
    });
    logger.error({ err: error, note: 'at /rest/12/w3bh00k5ecret/' }, 'failed near /rest/1/w3bh00k5ecret');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('w3bh00k5ecret');
    expect(JSON.parse(lines[0]!)).toMatchObject({
      msg: 'failed near /rest/1/[REDACTED]',
      note: 'at /rest/12/[REDACTED]/',
      err: { input: 'https://acme.bitrix24.com/rest/1/[REDACTED]/im.message.like.json' },
    });
  });

  it('removes the secrets it was given, verbatim or JSON-escaped', () => {
    const { logger, lines } = capture([new Secret('api-key-0123456789'), new Secret('r0uter"secret\\x')]);
    logger.warn({ header: 'api-key-0123456789', other: 'r0uter"secret\\x' }, 'seen api-key-0123456789');
    expect(lines[0]).not.toMatch(/api-key-0123456789|r0uter/);
    expect(JSON.parse(lines[0]!)).toMatchObject({ header: '[REDACTED]', other: '[REDACTED]' });
  });

  it('still redacts headers by path', () => {
    const { logger, lines } = capture();
    logger.info({ req: { headers: { authorization: 'Token abc', 'x-api-key': 'k' } } }, 'request');
    expect(JSON.parse(lines[0]!).req.headers).toEqual({
      authorization: '[REDACTED]',
      'x-api-key': '[REDACTED]',
    });
  });
});

describe('scrub', () => {
  it.each([
    ['Authorization: Bearer abc.def-123', 'Authorization: Bearer [REDACTED]'],
    ['{"MESSAGE_ID":"1","auth":"t0ken"}', '{"MESSAGE_ID":"1","auth":"[REDACTED]"}'],
    ['{\\"auth\\":\\"t0ken\\"}', '{\\"auth\\":\\"[REDACTED]\\"}'],
    ['/rest/im.message.like.json?auth=t0ken&x=1', '/rest/im.message.like.json?auth=[REDACTED]&x=1'],
    ['%2Frest%2F1%2Fc0de%2F', '%2Frest%2F1%2F[REDACTED]%2F'],
    ['%2frest%2f1%2fc0de%2f', '%2frest%2f1%2f[REDACTED]%2f'],
    ['BEARER abc', 'BEARER [REDACTED]'],
    ['/rest/im.message.like.json', '/rest/im.message.like.json'],
    ['access_token=t0ken', 'access_token=[REDACTED]'],
    ['{"ACCESS_TOKEN":"t0ken"}', '{"ACCESS_TOKEN":"[REDACTED]"}'],
    ['{"oauth":"kept","reauth=":"kept"}', '{"oauth":"kept","reauth=":"kept"}'],
    [
      '{"authKind":"oauth","error":"authorization_error"}',
      '{"authKind":"oauth","error":"authorization_error"}',
    ],
  ])('%s → %s', (line, expected) => {
    expect(scrub(line)).toBe(expected);
  });
});

function captureLines() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('info', destination), lines };
}

// Everything but pino's own bookkeeping fields.
const fieldsOf = (line: Record<string, unknown> | undefined) =>
  Object.fromEntries(
    Object.entries(line ?? {}).filter(([key]) => !['level', 'time', 'pid', 'hostname'].includes(key)),
  );

describe('createLogger key censoring', () => {
  it('censors credential keys one level down in whatever is logged, and the auth request headers', () => {
    const { logger, lines } = captureLines();
    const target = { portal: 'acme.bitrix24.com', accessToken: 'token', restPath: '/rest/1/code/' };
    const config = { webhook: 'https://acme.bitrix24.com/rest/1/code/', basePath: '/rest/1/code/', port: 1 };
    const req = { headers: { authorization: 'Bearer token', 'router-authorization': 'secret', host: 'h' } };
    logger.info({ target, config, req, portal: 'acme.bitrix24.com' }, 'call');
    expect(fieldsOf(lines[0])).toEqual({
      target: { portal: 'acme.bitrix24.com', accessToken: '[REDACTED]', restPath: '[REDACTED]' },
      config: { webhook: '[REDACTED]', basePath: '[REDACTED]', port: 1 },
      req: { headers: { authorization: '[REDACTED]', 'router-authorization': '[REDACTED]', host: 'h' } },
      portal: 'acme.bitrix24.com',
      msg: 'call',
    });
    expect(target.accessToken).toBe('token');
  });

  it('censors them in child bindings too', () => {
    const { logger, lines } = captureLines();
    logger.child({ target: { accessToken: 'token', portal: 'p' }, reqId: 'r1' }).warn('failed');
    expect(fieldsOf(lines[0])).toEqual({
      target: { accessToken: '[REDACTED]', portal: 'p' },
      reqId: 'r1',
      msg: 'failed',
    });
  });

  it('leaves lines without credentials as they are', () => {
    const { logger, lines } = captureLines();
    const line = { portal: 'acme.bitrix24.com', method: 'im.message.like', attempt: 1, durationMs: 3.2 };
    logger.info(line, 'bitrix24 call succeeded');
    expect(fieldsOf(lines[0])).toEqual({ ...line, msg: 'bitrix24 call succeeded' });
  });
});
