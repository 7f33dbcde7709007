import { resolve } from 'node:path';

/** The repository root, from `dist-tools/bench/` where the compiled harness runs. */
export const ROOT = resolve(__dirname, '..', '..');

/** The compiled harness, one directory per role. */
export const TOOLS = resolve(ROOT, 'dist-tools', 'bench');
