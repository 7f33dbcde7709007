import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('info', destination), lines };
}

// What the line says, without what pino adds to every line.
const fields = (line: Record<string, unknown> | undefined) =>
  Object.fromEntries(
    Object.entries(line ?? {}).filter(([key]) => !['level', 'time', 'pid', 'hostname'].includes(key)),
  );

describe('createLogger', () => {
  it('censors credential keys one level down in whatever is logged, and the auth request headers', () => {
    const { logger, lines } = capture();
    const target = { portal: 'acme.bitrix24.com', accessToken: 'token', restPath: '/rest/1/code/' };
    const config = { webhook: 'https://acme.bitrix24.com/rest/1/code/', basePath: '/rest/1/code/', port: 1 };
    const req = { headers: { authorization: 'Bearer token', 'router-authorization': 'secret', host: 'h' } };
    logger.info({ target, config, req, portal: 'acme.bitrix24.com' }, 'call');
    expect(fields(lines[0])).toEqual({
      target: { portal: 'acme.bitrix24.com', accessToken: '[REDACTED]', restPath: '[REDACTED]' },
      config: { webhook: '[REDACTED]', basePath: '[REDACTED]', port: 1 },
      req: { headers: { authorization: '[REDACTED]', 'router-authorization': '[REDACTED]', host: 'h' } },
      portal: 'acme.bitrix24.com',
      msg: 'call',
    });
    expect(target.accessToken).toBe('token');
  });

  it('censors them in child bindings too', () => {
    const { logger, lines } = capture();
    logger.child({ target: { accessToken: 'token', portal: 'p' }, reqId: 'r1' }).warn('failed');
    expect(fields(lines[0])).toEqual({
      target: { accessToken: '[REDACTED]', portal: 'p' },
      reqId: 'r1',
      msg: 'failed',
    });
  });

  it('leaves lines without credentials as they are', () => {
    const { logger, lines } = capture();
    const line = { portal: 'acme.bitrix24.com', method: 'im.message.like', attempt: 1, durationMs: 3.2 };
    logger.info(line, 'bitrix24 call succeeded');
    expect(fields(lines[0])).toEqual({ ...line, msg: 'bitrix24 call succeeded' });
  });
});
