import { listenAs, listenFailure } from '../../src/http/listen-error';

const METRICS = { name: 'the metrics listener', portVariable: 'METRICS_PORT' };

it('names the listener, its variable and the cause of any other failure', () => {
  const error = Object.assign(new Error('listen EACCES: permission denied 0.0.0.0:80'), {
    code: 'EACCES',
    address: '0.0.0.0',
    port: 80,
  });
  expect(listenFailure(METRICS, error)).toBe(
    'the metrics listener cannot listen on 0.0.0.0:80 (METRICS_PORT): listen EACCES: permission denied 0.0.0.0:80',
  );
});

it('keeps the original error as the cause', async () => {
  const cause = new Error('boom');
  const failure = await listenAs(METRICS, () => Promise.reject(cause)).catch((error: unknown) => error);
  expect(failure).toEqual(new Error('the metrics listener cannot listen (METRICS_PORT): boom'));
  expect((failure as Error).cause).toBe(cause);
});
