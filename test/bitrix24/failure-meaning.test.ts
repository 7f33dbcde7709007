import type { Bitrix24Failure } from '../../src/bitrix24/failure';
import { mayRetry, meaningOf } from '../../src/bitrix24/failure-meaning';
import { IM_MESSAGE_LIKE } from '../../src/bitrix24/methods/im-message-like';
import { FIXTURE_ERRORS } from '../support/fixtures';

const like = IM_MESSAGE_LIKE as never;
const code = (error: string): Bitrix24Failure => ({ kind: 'error-response', code: error, description: '' });

/** The flags of a meaning, in one comparable line: outcome, retry PLUS, retry AUTO, circuit, lesson. */
function flags(failure: Bitrix24Failure) {
  const meaning = meaningOf(failure, like);
  return [
    meaning.category,
    meaning.outcome,
    mayRetry(meaning, true),
    mayRetry(meaning, false),
    meaning.portalFailure,
    meaning.teaches ?? null,
  ];
}

describe('meaningOf', () => {
  it.each([
    ['QUERY_LIMIT_EXCEEDED', ['rate', 'NOT_APPLIED', true, true, false, 'bucket-full']],
    ['OPERATION_TIME_LIMIT', ['rate', 'NOT_APPLIED', false, false, false, 'method-blocked']],
    ['OVERLOAD_LIMIT', ['rate', 'NOT_APPLIED', false, false, false, null]],
    ['INTERNAL_SERVER_ERROR', ['upstream', 'UNKNOWN', true, false, true, null]],
    ['ERROR_UNEXPECTED_ANSWER', ['upstream', 'UNKNOWN', true, false, true, null]],
    ['expired_token', ['credentials', 'NOT_APPLIED', false, false, false, null]],
    ['EXPIRED_TOKEN', ['credentials', 'NOT_APPLIED', false, false, false, null]],
    ['insufficient_scope', ['permission', 'NOT_APPLIED', false, false, false, null]],
    ['PORTAL_DELETED', ['upstream', 'NOT_APPLIED', false, false, false, null]],
    ['WITHOUT_CHANGES', ['refused', 'NOT_APPLIED', false, false, false, null]],
    ['PARAMS_ERROR', ['refused', 'NOT_APPLIED', false, false, false, null]],
    ['SOMETHING_NEW', ['upstream', 'UNKNOWN', false, false, false, null]],
  ])('%s', (error, expected) => {
    expect(flags(code(error))).toEqual(expected);
  });

  it("knows a method's refusals only for that method", () => {
    expect(meaningOf(code('WITHOUT_CHANGES')).outcome).toBe('UNKNOWN');
  });

  it.each<[string, Bitrix24Failure, unknown[]]>([
    [
      'a refused connection',
      { kind: 'connect', reason: 'ECONNREFUSED' },
      ['upstream', 'NOT_APPLIED', true, true, true, null],
    ],
    [
      'a connect timeout',
      { kind: 'timeout', phase: 'connect' },
      ['timeout', 'NOT_APPLIED', true, true, true, null],
    ],
    [
      'a response timeout',
      { kind: 'timeout', phase: 'response' },
      ['timeout', 'UNKNOWN', true, false, true, null],
    ],
    [
      'a reset',
      { kind: 'network', reason: 'UND_ERR_SOCKET' },
      ['upstream', 'UNKNOWN', true, false, true, null],
    ],
    [
      'an HTML page',
      { kind: 'bad-response', status: 502, reason: 'answer is not JSON' },
      ['upstream', 'UNKNOWN', true, false, true, null],
    ],
    [
      'a moved portal',
      { kind: 'redirect', status: 302 },
      ['upstream', 'NOT_APPLIED', false, false, false, null],
    ],
    [
      'a 303 after the request',
      { kind: 'redirect', status: 303 },
      ['upstream', 'UNKNOWN', false, false, false, null],
    ],
    [
      'a refused address',
      { kind: 'address-refused', range: 'loopback' },
      ['upstream', 'NOT_APPLIED', false, false, false, null],
    ],
    [
      'the gateway holding back',
      { kind: 'throttled', reason: 'deadline', retryAfterSec: 1 },
      ['rate', 'NOT_APPLIED', false, false, false, null],
    ],
    ['an open circuit', { kind: 'circuit-open' }, ['upstream', 'NOT_APPLIED', false, false, false, null]],
    ['a batch command not run', { kind: 'not-run' }, ['upstream', 'NOT_APPLIED', true, true, false, null]],
  ])('%s', (_case, failure, expected) => {
    expect(flags(failure)).toEqual(expected);
  });

  it('explains every fixture code in its own words, never as an unknown code', () => {
    const unknown = meaningOf(code('SOMETHING_NEW')).explanation;
    const unexplained = FIXTURE_ERRORS.filter(
      ({ error }) => meaningOf(code(error), like).explanation === unknown,
    );
    expect(unexplained).toEqual([]);
  });
});
