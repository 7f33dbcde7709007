import { batchBody, settleBatch } from '../../src/bitrix24/batch/batch-wire';
import envelopes from '../fixtures/bitrix24-envelopes.json';

const TIME = { operating: 1.5, operating_reset_at: 1764231000 };

describe('batchBody', () => {
  it('writes each command as method?query under a key PHP keeps as a map, with halt 0', () => {
    expect(
      batchBody([
        { method: 'im.message.like', params: { MESSAGE_ID: '123456789012345678', ACTION: 'plus' } },
        { method: 'im.message.like', params: { MESSAGE_ID: '2', ACTION: 'auto' } },
      ]),
    ).toEqual({
      halt: 0,
      cmd: {
        c0: 'im.message.like?MESSAGE_ID=123456789012345678&ACTION=plus',
        c1: 'im.message.like?MESSAGE_ID=2&ACTION=auto',
      },
    });
  });

  it('encodes values as http_build_query does, so parse_str reads them back', () => {
    expect(batchBody([{ method: 'm', params: { A: 'x y&z=1', B: 'é' } }]).cmd.c0).toBe(
      'm?A=x+y%26z%3D1&B=%C3%A9',
    );
  });
});

describe('settleBatch', () => {
  it('gives each command its own answer: applied, failed with its code and no status, or not run', () => {
    const answers = settleBatch(
      {
        result: {
          result: { c0: true },
          result_error: {
            c1: { error: 'WITHOUT_CHANGES', error_description: 'Action completed without changes' },
          },
          result_total: [],
          result_next: [],
          result_time: { c0: TIME, c1: TIME },
        },
      },
      3,
    );
    expect(answers).toEqual([
      { ok: true, success: { result: true, time: TIME }, time: TIME },
      {
        ok: false,
        failure: {
          kind: 'error-response',
          code: 'WITHOUT_CHANGES',
          description: 'Action completed without changes',
        },
        time: TIME,
      },
      { ok: false, failure: { kind: 'not-run' } },
    ]);
  });

  it('reads empty sections sent as [] (PHP json_encode of an empty map)', () => {
    const answers = settleBatch({ result: { result: [], result_error: [], result_time: [] } }, 1);
    expect(answers).toEqual([{ ok: false, failure: { kind: 'not-run' } }]);
  });

  it('reads the fixture answer of a mixed batch', () => {
    const { body } = envelopes.batch_example;
    // The fixture names its commands a and b; ours are c0 and c1, so rename to read it as ours.
    const renamed = JSON.parse(
      JSON.stringify(body.result).replaceAll('"a"', '"c0"').replaceAll('"b"', '"c1"'),
    );
    expect(settleBatch({ result: renamed }, 2)?.map((answer) => answer.ok)).toEqual([true, false]);
  });

  it.each([
    ['missing sections', true],
    ['a null section', { result: null, result_error: [] }],
    ['a string section', { result: {}, result_error: 'x' }],
    ['a non-empty list', { result: [true], result_error: [] }],
  ])('reads nothing from %s, so that no command is taken for not run', (_case, result) => {
    expect(settleBatch({ result }, 1)).toBeUndefined();
  });

  it('takes a command error it cannot read for a bad response, since the command did run', () => {
    expect(settleBatch({ result: { result: [], result_error: { c0: { error: 7 } } } }, 1)).toEqual([
      { ok: false, failure: { kind: 'bad-response', status: 200, reason: 'unreadable command error' } },
    ]);
  });
});
