import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GATEWAY_VARIABLES } from '../../src/config';
import { tableRows } from '../support/markdown';

const README = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
const CONFIGURATION = section(README, '## Configuration', '\n## ');
const [MAIN_PART = '', ADVANCED_PART = ''] = CONFIGURATION.split('\n### Advanced\n');

/** The text from a heading to the next heading of its level. */
function section(markdown: string, heading: string, next: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  const end = markdown.indexOf(next, start + heading.length + 2);
  return markdown.slice(start, end === -1 ? undefined : end);
}

/** The variables of a part's tables: each name in a row's first cell, in order. */
function documented(markdown: string): { name: string; meaning: string }[] {
  return tableRows(markdown, 'Variable').flatMap(([first = '', , meaning = '']) =>
    [...first.matchAll(/`([A-Z][A-Z0-9_]*\*?)`/g)].map((match) => ({ name: match[1]!, meaning })),
  );
}

const names = (group: 'main' | 'advanced') =>
  GATEWAY_VARIABLES.filter((variable) => variable.group === group).map((variable) => variable.name);

describe("the README's configuration tables", () => {
  it('show first the variables most deployments set, in the order the configuration lists them', () => {
    expect(documented(MAIN_PART).map(({ name }) => name)).toEqual(names('main'));
  });

  it('show every other variable under Advanced, the operation limits by their prefix', () => {
    const limits = names('advanced').filter((name) => name.startsWith('GRAPHQL_MAX_'));
    const others = names('advanced').filter((name) => !limits.includes(name));
    const advanced = documented(ADVANCED_PART).filter(
      ({ meaning }) => !meaning.includes('read by Node itself'),
    );
    expect(advanced.map(({ name }) => name).sort()).toEqual([...others, 'GRAPHQL_MAX_*'].sort());
  });

  it('describe each operation limit in the Limits table', () => {
    const limits = names('advanced').filter((name) => name.startsWith('GRAPHQL_MAX_'));
    const listed = documented(section(README, '## Limits', '\n## ')).map(({ name }) => name);
    expect(listed.sort()).toEqual(limits.sort());
  });
});
