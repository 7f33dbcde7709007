import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { envSchema, loadConfig } from '../../src/config';
import { tableRows } from '../support/markdown';

const README = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');

/**
 * Every variable the configuration reads: the schema's keys, and whatever a reader outside it looks up in the
 * environment (the proxy settings, in either case), found by handing loadConfig an environment that records.
 */
function variablesRead(): string[] {
  const looked = new Set<string>();
  const recording = new Proxy({} as Record<string, string | undefined>, {
    get: (_target, name) => {
      if (typeof name === 'string') looked.add(name.toUpperCase());
      return undefined;
    },
  });
  loadConfig(recording);
  return [...new Set([...Object.keys(envSchema.shape), ...looked])].sort();
}

/** The README's tables of variables (configuration and limits): each name in a row's first cell. */
function documented(): { name: string; meaning: string }[] {
  return tableRows(README, 'Variable').flatMap(([first = '', , meaning = '']) =>
    [...first.matchAll(/`([A-Z][A-Z0-9_]*\*?)`/g)].map((match) => ({ name: match[1]!, meaning })),
  );
}

describe("the README's configuration table", () => {
  it('lists every variable the configuration reads', () => {
    const listed = new Set(documented().map(({ name }) => name));
    expect(variablesRead().filter((name) => !listed.has(name))).toEqual([]);
  });

  it('lists only variables the configuration reads, or that Node reads itself', () => {
    const read = variablesRead();
    const unread = documented().filter(({ name, meaning }) => {
      if (meaning.includes('read by Node itself')) return false;
      if (!name.endsWith('*')) return !read.includes(name);
      return !read.some((variable) => variable.startsWith(name.slice(0, -1)));
    });
    expect(unread).toEqual([]);
  });
});
