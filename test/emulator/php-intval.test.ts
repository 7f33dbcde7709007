import { phpIntval } from '../../src/emulator/php-intval';

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

describe('phpIntval on strings (PHP 8 is_numeric_string with errors allowed)', () => {
  it.each([
    ['1', 1n],
    ['1abc', 1n],
    [' 1', 1n],
    ['\t\n\r\v\f7', 7n],
    ['+1', 1n],
    ['-1', -1n],
    ['01', 1n],
    ['1.9', 1n],
    ['-1.9', -1n],
    ['1e3', 1000n],
    ['1E3', 1000n],
    ['1.5e3xyz', 1500n],
    ['1e-3', 0n],
    ['1e', 1n],
    ['1e+', 1n],
    ['.9', 0n],
    ['1.', 1n],
    ['0x1A', 0n],
    ['1 ', 1n],
    ['- 1', 0n],
    ['abc', 0n],
    ['', 0n],
    ['999999999999999999', 999999999999999999n],
    ['9223372036854775807', INT64_MAX],
    ['9223372036854775808', INT64_MAX],
    ['99999999999999999999999', INT64_MAX],
    ['-9223372036854775808', INT64_MIN],
    ['-99999999999999999999999', INT64_MIN],
    ['1e100', INT64_MAX],
    ['1e999', 0n],
  ])('intval(%j) is %s', (input, expected) => {
    expect(phpIntval(input)).toBe(expected);
  });
});

describe('phpIntval on other JSON values', () => {
  it.each<[unknown, bigint]>([
    [1, 1n],
    [1.9, 1n],
    [-1.9, -1n],
    [123456789012345678n, 123456789012345678n],
    [true, 1n],
    [false, 0n],
    [null, 0n],
    [undefined, 0n],
    [[], 0n],
    [[5], 1n],
    [{}, 0n],
    [{ a: '5' }, 1n],
    [Number.NaN, 0n],
    [Number.POSITIVE_INFINITY, 0n],
    // Float casts wrap modulo 2^64 instead of saturating like strings do.
    [2 ** 64 + 2 ** 12, 4096n],
  ])('intval(%p) is %s', (input, expected) => {
    expect(phpIntval(input)).toBe(expected);
  });
});
