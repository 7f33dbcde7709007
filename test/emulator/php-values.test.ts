import { phpArrayToJson, phpBool } from '../../src/emulator/php-values';

describe('phpBool (PHP (bool) cast)', () => {
  it.each<[unknown, boolean]>([
    ['false', true],
    ['0.0', true],
    [' ', true],
    ['0', false],
    ['', false],
    [0, false],
    [-0, false],
    [Number.NaN, true],
    [0n, false],
    [2n, true],
    [null, false],
    [undefined, false],
    [[], false],
    [{}, false],
    [['0'], true],
    [{ a: '' }, true],
  ])('%j is %j', (value, expected) => {
    expect(phpBool(value)).toBe(expected);
  });
});

describe('phpArrayToJson (json_encode of a PHP array)', () => {
  it('writes [] for an empty array, a list for keys 0..n-1 in order, an object otherwise', () => {
    expect(phpArrayToJson([])).toEqual([]);
    expect(
      phpArrayToJson([
        ['0', 'a'],
        ['1', 'b'],
      ]),
    ).toEqual(['a', 'b']);
    expect(
      phpArrayToJson([
        ['1', 'b'],
        ['0', 'a'],
      ]),
    ).toEqual({ 0: 'a', 1: 'b' });
    expect(phpArrayToJson([['1', 'b']])).toEqual({ 1: 'b' });
    expect(phpArrayToJson([['00', 'a']])).toEqual({ '00': 'a' });
  });

  it('keeps a __proto__ key as data', () => {
    const json = phpArrayToJson([['__proto__', 'x']]);
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
    expect(JSON.stringify(json)).toBe('{"__proto__":"x"}');
  });
});
