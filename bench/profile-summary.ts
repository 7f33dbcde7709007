/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, e.g. from BENCH_PROFILE=gateway): self time by package
 * and by function, so that the cost of each layer on the request path can be read at a glance.
 * Usage: node dist-tools/bench/profile-summary.js <file.cpuprofile> [functions to list, default 40]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, limit = '40'] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [count]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicros = new Map<number, number>();
profile.samples.forEach((id, index) => {
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
});
const total = [...selfMicros.values()].reduce((sum, value) => sum + value, 0);
const idle = [...selfMicros].filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)');
const busy = total - idle.reduce((sum, [, value]) => sum + value, 0);

function area(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1] as string;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const ours = /\/(dist|dist-tools)\/(.*)$/.exec(url);
  return ours ? `ours: ${ours[2]}` : url;
}

function tally(key: (node: ProfileNode) => string): Array<[string, number]> {
  const sums = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)') continue;
    const name = key(node);
    sums.set(name, (sums.get(name) ?? 0) + micros);
  }
  return [...sums].sort((a, b) => b[1] - a[1]);
}

const percent = (micros: number) => `${((micros / busy) * 100).toFixed(1).padStart(5)}%`;
const out = (line: string) => process.stdout.write(`${line}\n`);
out(`busy ${(busy / 1e6).toFixed(2)} s of ${(total / 1e6).toFixed(2)} s profiled\n\nself time by package:`);
for (const [name, micros] of tally((node) => area(node.callFrame.url, node.callFrame.functionName)).slice(
  0,
  30,
)) {
  out(`${percent(micros)}  ${name}`);
}
out('\nself time by function:');
const fn = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'}  ${area(url, functionName)}:${lineNumber + 1}`;
};
for (const [name, micros] of tally(fn).slice(0, Number(limit))) out(`${percent(micros)}  ${name}`);

// Inclusive time: each sample counts once for every distinct function on its stack.
const parents = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
const inclusive = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  if (byId.get(id)?.callFrame.functionName === '(idle)') continue;
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
    const node = byId.get(at);
    if (node) seen.add(fn(node));
  }
  for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + micros);
}
// Owner: the innermost package (or file of ours) on the stack, so Node's own work counts for whoever asked.
const owners = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  if (byId.get(id)?.callFrame.functionName === '(idle)') continue;
  let owner = '(node core, no package on the stack)';
  for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
    const frame = byId.get(at)?.callFrame;
    const name = frame ? area(frame.url, frame.functionName) : '';
    if (name.includes('/') || name.startsWith('ours') || /^[a-z@]/.test(name)) {
      if (!name.startsWith('node:')) {
        owner = name;
        break;
      }
    }
  }
  owners.set(owner, (owners.get(owner) ?? 0) + micros);
}
out('\ntime by owner (innermost package on the stack):');
for (const [name, micros] of [...owners].sort((a, b) => b[1] - a[1]).slice(0, 40))
  out(`${percent(micros)}  ${name}`);

out('\ninclusive time by function:');
for (const [name, micros] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, Number(limit))) {
  out(`${percent(micros)}  ${name}`);
}
