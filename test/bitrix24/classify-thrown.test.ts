import { AddressRefusedError } from '../../src/bitrix24/address-guard';
import { classifyThrown } from '../../src/bitrix24/classify-thrown';

// Every rule, without a socket: end-to-end tests meet some of these only when timing makes a socket fail so.
describe('classifyThrown', () => {
  it.each([
    [
      'a refused address',
      new AddressRefusedError('b24.intranet', 'private'),
      false,
      { kind: 'address-refused', range: 'private' },
    ],
    ['a connect timeout', { code: 'UND_ERR_CONNECT_TIMEOUT' }, false, { kind: 'timeout', phase: 'connect' }],
    [
      'anything once the deadline passed',
      { code: 'ECONNRESET' },
      true,
      { kind: 'timeout', phase: 'response' },
    ],
    ['a headers timeout', { code: 'UND_ERR_HEADERS_TIMEOUT' }, false, { kind: 'timeout', phase: 'response' }],
    ['a body timeout', { code: 'UND_ERR_BODY_TIMEOUT' }, false, { kind: 'timeout', phase: 'response' }],
    ['a name that does not resolve', { code: 'ENOTFOUND' }, false, { kind: 'connect', reason: 'ENOTFOUND' }],
    [
      'a bad certificate',
      { code: 'CERT_HAS_EXPIRED' },
      false,
      { kind: 'connect', reason: 'CERT_HAS_EXPIRED' },
    ],
    [
      'a refused connect',
      { code: 'ECONNREFUSED', syscall: 'connect' },
      false,
      { kind: 'connect', reason: 'ECONNREFUSED' },
    ],
    [
      'the same code from a read',
      { code: 'ECONNREFUSED', syscall: 'read' },
      false,
      { kind: 'network', reason: 'ECONNREFUSED' },
    ],
    [
      'a wrapped refused connect',
      { cause: { code: 'EHOSTUNREACH', syscall: 'connect' } },
      false,
      { kind: 'connect', reason: 'EHOSTUNREACH' },
    ],
    [
      'a wrapped reset',
      { message: 'fetch failed', cause: { code: 'ECONNRESET' } },
      false,
      { kind: 'network', reason: 'ECONNRESET' },
    ],
    [
      'an answer over the size limit',
      { code: 'UND_ERR_RES_EXCEEDED_MAX_SIZE' },
      false,
      { kind: 'bad-response', status: 200, reason: 'answer too large' },
    ],
    ['a code that is not a string', { code: 42 }, false, { kind: 'network', reason: 'UNKNOWN' }],
    ['no error object at all', null, false, { kind: 'network', reason: 'UNKNOWN' }],
  ])('reads %s', (_case, error, deadlinePassed, failure) => {
    expect(classifyThrown(error, deadlinePassed)).toEqual(failure);
  });
});
