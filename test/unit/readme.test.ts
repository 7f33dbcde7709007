import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { githubAnchors, headings, linkTargets } from '../support/markdown';

const ROOT = resolve(__dirname, '../..');
const DOCUMENTS = ['README.md', 'bench/README.md', 'SECURITY.md', 'CHANGELOG.md'];
const read = (path: string) => readFileSync(path, 'utf8');

/** Links to a heading or a file of this repository that lead nowhere, as `document: target`. */
function brokenLinks(document: string): string[] {
  const path = resolve(ROOT, document);
  const internal = linkTargets(read(path)).filter((target) => !/^[a-z]+:/.test(target));
  return internal
    .filter((target) => {
      const [file, anchor] = target.split('#');
      const linked = file ? resolve(dirname(path), file) : path;
      if (!existsSync(linked)) return true;
      return anchor !== undefined && !githubAnchors(read(linked)).has(anchor);
    })
    .map((target) => `${relative(ROOT, path)}: ${target}`);
}

describe('the documentation', () => {
  it.each(DOCUMENTS)('%s links only to headings and files that exist', (document) => {
    expect(brokenLinks(document)).toEqual([]);
  });

  it('lists every section of the README in its contents, in order', () => {
    const readme = read(resolve(ROOT, 'README.md'));
    const sections = headings(readme)
      .filter(({ level, text }) => level === 2 && text !== 'Contents')
      .map(({ text }) => text);
    const contents = readme.slice(
      readme.indexOf('## Contents'),
      readme.indexOf('\n## ', readme.indexOf('## Contents') + 1),
    );
    expect([...contents.matchAll(/^- \[(.*)\]\(#.*\)$/gm)].map((match) => match[1])).toEqual(sections);
  });
});

describe('GitHub heading anchors', () => {
  it('drop punctuation and Markdown marks, keep hyphens, and number repeats', () => {
    const markdown = [
      '# When Bitrix24 is slow, limited or failing',
      '## `npm run dev` and [links](https://example.invalid)',
      '## Results',
      '```sh',
      '# a comment in a code block',
      '```',
      '### Results',
      '## Über — co_op',
    ].join('\n');
    expect([...githubAnchors(markdown)]).toEqual([
      'when-bitrix24-is-slow-limited-or-failing',
      'npm-run-dev-and-links',
      'results',
      'results-1',
      'über--co_op',
    ]);
  });
});
