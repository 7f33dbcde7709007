import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { loadConfig } from '../../src/config';

const ROOT = resolve(__dirname, '../..');
const example = readFileSync(resolve(ROOT, '.env.example'), 'utf8');
// Every setting in the file is commented out; these are the lines a user uncomments.
const settings = example
  .split('\n')
  .filter((line) => /^# [A-Z][A-Z0-9_]*=/.test(line))
  .map((line) => line.slice(2));

describe('.env.example', () => {
  it('sets nothing until a line is uncommented', () => {
    expect(parseEnv(example)).toEqual({});
  });

  it('offers values the configuration accepts, all together, as node --env-file reads them', () => {
    const env = parseEnv(settings.join('\n'));
    expect(Object.keys(env)).toHaveLength(settings.length);
    expect(loadConfig(env)).toMatchObject({
      production: true,
      http: { playground: true, introspection: true, metricsPort: 9464, metricsHost: '127.0.0.1' },
      security: { corsOrigins: ['https://app.example.com'] },
    });
  });

  it('names only variables the README describes', () => {
    const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
    const names = settings.map((line) => line.slice(0, line.indexOf('=')));
    expect(names.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });
});
