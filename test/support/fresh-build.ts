import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

function newestMtime(directory: string): number {
  return readdirSync(directory, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(directory, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    return Math.max(newest, mtime);
  }, 0);
}

/**
 * End-to-end tests spawn `dist/`: run against a build older than the sources, they would test yesterday's code.
 * `npm test` builds first; a bare `npx jest` after an edit is stopped here with the fix.
 */
export function checkFreshBuild(root = ROOT): void {
  const built = newestMtime(join(root, 'dist'));
  if (built === 0 || newestMtime(join(root, 'src')) > built) {
    throw new Error('dist/ is older than src/ (or missing): run `npm run build` first, or use `npm test`.');
  }
}
