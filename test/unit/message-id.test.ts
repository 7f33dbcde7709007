import { isCanonicalMessageId } from '../../src/message/message-id';

describe('isCanonicalMessageId', () => {
  it.each(['1', '42', '999999999999999999', '123456789012345678'])('accepts %p', (id) => {
    expect(isCanonicalMessageId(id)).toBe(true);
  });

  it.each([
    '0',
    '-1',
    '+1',
    '01',
    '1.0',
    '1abc',
    '1e3',
    ' 1',
    '1 ',
    '1\n',
    '',
    '١٢', // Arabic-Indic digits
    '１', // full-width digit
    '1234567890123456789', // 19 digits
    '0x1F',
  ])('rejects %p', (id) => {
    expect(isCanonicalMessageId(id)).toBe(false);
  });
});
