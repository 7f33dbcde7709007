import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFreshBuild } from '../support/fresh-build';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'fresh-build-'));
  mkdirSync(join(root, 'src', 'deep'), { recursive: true });
  mkdirSync(join(root, 'dist'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function file(path: string, secondsSinceEpoch: number): void {
  writeFileSync(join(root, path), '');
  utimesSync(join(root, path), secondsSinceEpoch, secondsSinceEpoch);
}

it('passes a build newer than every source', () => {
  file('src/deep/a.ts', 1_000);
  file('dist/a.js', 2_000);
  expect(() => checkFreshBuild(root)).not.toThrow();
});

it('stops a run on a source edited after the build, or on no build, naming the fix', () => {
  file('dist/a.js', 2_000);
  file('src/deep/a.ts', 3_000);
  expect(() => checkFreshBuild(root)).toThrow(
    'dist/ is older than src/ (or missing): run `npm run build` first',
  );
  rmSync(join(root, 'dist/a.js'));
  expect(() => checkFreshBuild(root)).toThrow('run `npm run build` first');
});
