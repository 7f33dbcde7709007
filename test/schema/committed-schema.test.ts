import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { gatewaySubgraphSdl } from '../../src/schema/subgraph-sdl';

const ROOT = resolve(__dirname, '../..');
const REFRESH = 'Run `npm run schema`, review the diff (it changes what clients see) and commit it.';

// A bare toBe would print two long files; name the stale file, the first difference and the fix instead.
function firstDifference(committed: string, produced: string): string {
  const [a, b] = [committed.split('\n'), produced.split('\n')];
  const line = a.findIndex((text, index) => text !== b[index]);
  const at = line === -1 ? a.length : line;
  return `line ${at + 1}: committed ${JSON.stringify(a[at] ?? '')}, code ${JSON.stringify(b[at] ?? '')}`;
}

describe('committed schema artifacts', () => {
  it('schema/schema.graphql is the SDL the gateway serves', async () => {
    const committed = readFileSync(resolve(ROOT, 'schema/schema.graphql'), 'utf8');
    const produced = await gatewaySubgraphSdl();
    if (committed !== produced) {
      throw new Error(
        `schema/schema.graphql differs from the schema the code builds (${firstDifference(committed, produced)}). ` +
          REFRESH,
      );
    }
  });

  // The codegen CLI loads ES modules that jest's CommonJS runtime cannot, so it runs as its own process.
  it('test/generated holds what codegen.yml generates from it', async () => {
    const cli = resolve(ROOT, 'node_modules/@graphql-codegen/cli/cjs/bin.js');
    // Outside NODE_ENV=test, codegen reports why an operation does not validate against the schema.
    const env = { ...process.env, NODE_ENV: 'development' };
    const check = promisify(execFile)(process.execPath, [cli, '--config', 'codegen.yml', '--check'], {
      cwd: ROOT,
      env,
    });
    await check.catch((error: { stdout: string; stderr: string }) => {
      throw new Error(`Codegen output is stale or failed. ${REFRESH}\n${error.stdout}${error.stderr}`);
    });
  });
});
