import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '../../src/errors/error-catalogue';

/** Every code in the first column of the README's tables headed by `extensions.code`. */
function readmeCodes(): string[] {
  const lines = readFileSync(join(__dirname, '../../README.md'), 'utf8').split('\n');
  const codes: string[] = [];
  let inTable = false;
  for (const line of lines) {
    if (!line.startsWith('|')) inTable = false;
    else if (line.startsWith('| `extensions.code`')) inTable = true;
    else if (inTable && !line.startsWith('| -')) {
      const firstCell = line.split('|')[1] ?? '';
      codes.push(...[...firstCell.matchAll(/`([A-Z_]+)`/g)].map((match) => match[1] as string));
    }
  }
  return codes;
}

it('documents in the README exactly the codes of the error catalogue', () => {
  expect([...new Set(readmeCodes())].sort()).toEqual([...ERROR_CODES].sort());
});
