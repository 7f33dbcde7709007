import { etagMatches, pickEncoding, prefersHtml } from '../../src/http/negotiate';

const CHROME = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const FIREFOX = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('prefersHtml', () => {
  it.each([
    [CHROME, true],
    [FIREFOX, true],
    ['text/html', true],
    ['TEXT/HTML;q=0.5, application/json;q=0.4', true],
    ['text/*, application/json;q=0.1', true],
    [undefined, false],
    ['', false],
    ['*/*', false],
    ['application/json', false],
    ['application/graphql-response+json, application/json;q=0.9', false],
    ['text/html, application/json', false],
    ['text/html;q=0, */*', false],
    ['application/json;q=0.5, text/html;q=0.5', false],
    ['text/html;q=abc', false],
  ])('%p -> %p', (accept, expected) => {
    expect(prefersHtml(accept)).toBe(expected);
  });
});

describe('pickEncoding', () => {
  const OFFERED = ['br', 'gzip', 'identity'] as const;

  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=1, br;q=0.5', 'gzip'],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    [undefined, 'identity'],
    ['', 'identity'],
    ['deflate', 'identity'],
    ['identity;q=0, *;q=0', 'identity'],
  ])('%p -> %p', (acceptEncoding, expected) => {
    expect(pickEncoding(acceptEncoding, OFFERED)).toBe(expected);
  });
});

describe('etagMatches', () => {
  it.each([
    ['"abc-br"', true],
    ['W/"abc-br"', true],
    ['"other", "abc-br"', true],
    ['*', true],
    ['"abc"', false],
    ['"abc-gzip"', false],
    [undefined, false],
    ['', false],
  ])('%p -> %p', (ifNoneMatch, expected) => {
    expect(etagMatches(ifNoneMatch, '"abc-br"')).toBe(expected);
  });
});
