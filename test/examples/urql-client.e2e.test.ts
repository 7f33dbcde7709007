import { gatewayClient, likeMessage } from '../../examples/urql-client/like-message';
import { spawnEmulator, type EmulatorProcess } from '../support/emulator-process';
import { emulatorConfig, startGateway, type RunningGateway } from '../support/running-gateway';

let emulator: EmulatorProcess;
let gateway: RunningGateway;
let graphqlUrl: string;

beforeAll(async () => {
  emulator = await spawnEmulator({ EMULATOR_RATE_LIMIT: 'off' });
  gateway = await startGateway(emulatorConfig(await emulator.control.webhookUrl(1), []));
  graphqlUrl = `${gateway.url}/graphql`;
});
beforeEach(() => emulator.control.reset());
afterAll(async () => {
  await gateway?.close();
  await emulator?.stop();
});

describe('the urql client example against the gateway', () => {
  it('reads each member of the result union', async () => {
    const client = gatewayClient(graphqlUrl);
    expect(await likeMessage(client, '1', 'PLUS')).toEqual({ kind: 'applied', liked: true });
    expect(await likeMessage(client, '1', 'PLUS')).toEqual({ kind: 'unchanged' });
    expect(await likeMessage(client, '01', 'PLUS')).toEqual({
      kind: 'invalid-id',
      description: 'messageId must be a positive decimal integer of at most 18 digits, sent as a string',
    });
    expect(await emulator.control.likes('1')).toEqual([1]);
  });

  it('reads a refusal that never reached Bitrix24 as safe to retry, after retryAfter', async () => {
    const limited = { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' };
    // One answer for the first attempt and one for each retry the gateway makes.
    await emulator.control.addFault({ kind: 'error', status: 503, ...limited, times: 3 });
    expect(await likeMessage(gatewayClient(graphqlUrl), '2', 'PLUS')).toEqual({
      kind: 'failed',
      code: 'RATE_LIMITED',
      outcome: 'NOT_APPLIED',
      retryAfter: 2,
      message: 'Bitrix24 request rate limit exceeded',
    });
    expect(await emulator.control.likes('2')).toEqual([]);
  });

  it('reads a broken connection after Bitrix24 applied the like as an unknown outcome', async () => {
    await emulator.control.addFault({ kind: 'reset', phase: 'after-apply' });
    expect(await likeMessage(gatewayClient(graphqlUrl), '3', 'AUTO')).toEqual({
      kind: 'failed',
      code: 'UPSTREAM_ERROR',
      outcome: 'UNKNOWN',
      retryAfter: null,
      message: 'The connection to Bitrix24 broke before it answered',
    });
    expect(await emulator.control.likes('3')).toEqual([1]);
  });

  it('sends headers, and reads an error raised before any call as having no outcome', async () => {
    const client = gatewayClient(graphqlUrl, { 'x-bitrix24-domain': 'other.bitrix24.com' });
    expect(await likeMessage(client, '4', 'PLUS')).toEqual({
      kind: 'failed',
      code: 'FORBIDDEN',
      outcome: null,
      retryAfter: null,
      message: 'X-Bitrix24-Domain names a portal this gateway does not serve without a token',
    });
    expect(await emulator.control.calls()).toEqual([]);
  });

  it('reads no answer at all as an unknown outcome', async () => {
    // Port 1 (tcpmux) has no listener on any machine this runs on: the connection is refused.
    expect(await likeMessage(gatewayClient('http://127.0.0.1:1/graphql'), '5', 'PLUS')).toEqual({
      kind: 'failed',
      code: 'NETWORK_ERROR',
      outcome: 'UNKNOWN',
      retryAfter: null,
      message: '[Network] fetch failed',
    });
  });
});
