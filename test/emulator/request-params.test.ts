import { parseJsonLossless } from '../../src/emulator/lossless-json';
import { parsePhpForm } from '../../src/emulator/php-form';
import { readParams, toLoggable } from '../../src/emulator/request-params';

describe('readParams', () => {
  it('merges the query with the body, the body winning, names upper-cased', () => {
    expect(
      readParams('?message_id=1&Action=plus', 'application/x-www-form-urlencoded', 'MESSAGE_ID=2'),
    ).toEqual({
      MESSAGE_ID: '2',
      ACTION: 'plus',
    });
  });

  it('reads JSON bodies and keeps 18-digit integers exact', () => {
    expect(readParams('', 'application/json; charset=utf-8', '{"message_id":123456789012345678}')).toEqual({
      MESSAGE_ID: 123456789012345678n,
    });
  });

  it('silently treats invalid or non-object JSON as no parameters', () => {
    expect(readParams('?ID=3', 'application/json', '{"MESSAGE_ID":')).toEqual({ ID: '3' });
    expect(readParams('', 'application/json', '[1,2]')).toEqual({});
  });

  it('upper-cases ASCII only', () => {
    expect(readParams('?straße=1', undefined, '')).toEqual({ STRAßE: '1' });
  });

  it('makes a log-safe copy without credentials', () => {
    const params = { MESSAGE_ID: 5n, AUTH: 'secret', ACCESS_TOKEN: 'secret', ACTION: 'plus' };
    expect(toLoggable(params, ['AUTH', 'ACCESS_TOKEN'])).toEqual({ MESSAGE_ID: '5', ACTION: 'plus' });
  });
});

describe('parsePhpForm (PHP parse_str)', () => {
  it('decodes + and percent escapes, and builds PHP arrays from brackets', () => {
    expect(parsePhpForm('a=1+2%21&ids[]=1&ids[]=2&cmd[x]=im.message.like%3FID%3D1&b.c=3&flag')).toEqual({
      a: '1 2!',
      ids: { 0: '1', 1: '2' },
      cmd: { x: 'im.message.like?ID=1' },
      b_c: '3',
      flag: '',
    });
  });

  it('keeps malformed escapes and never lets a key replace the prototype', () => {
    const parsed = parsePhpForm('a=%zz%41&__proto__[polluted]=1');
    expect(parsed.a).toBe('%zzA');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });
});

describe('parseJsonLossless', () => {
  it('returns bigint only for integers beyond 2^53 within int64', () => {
    expect(
      parseJsonLossless(
        '{"a":1,"b":9007199254740993,"c":"9007199254740993","d":1e20,"e":[-9223372036854775808]}',
      ),
    ).toEqual({
      a: 1,
      b: 9007199254740993n,
      c: '9007199254740993',
      d: 1e20,
      e: [-9223372036854775808n],
    });
  });

  it('leaves numbers inside strings alone, escaped quotes included', () => {
    expect(parseJsonLossless('{"s":"x\\"123456789012345678"}')).toEqual({ s: 'x"123456789012345678' });
  });

  it('still rejects invalid JSON', () => {
    expect(() => parseJsonLossless('{"a":0123456789012345678}')).toThrow(SyntaxError);
  });
});
