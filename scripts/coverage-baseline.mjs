// `npm run coverage:baseline` builds, runs the whole jest suite with coverage three times (`-- --runs 5` for
// more) and writes coverage-baseline.json: a floor of line and branch coverage for every file of src/, which
// `npm test` enforces (jest.config.js). `-- --from a.json b.json ...` takes json-summary reports already written
// (coverage/coverage-summary.json after each `npm test`) instead of running jest.
//
// How a floor is chosen. Jest's percentages are truncated to two decimals, the same numbers the json-summary
// holds. A file with the same number in every run gets that number: with the code and the tests unchanged, a run
// does not fall below it. A few files are covered differently from run to run, where timing decides the path
// a test takes through real sockets and timers; such a file gets the lowest number seen less the spread seen,
// lowest - (highest - lowest), since a few runs show only part of the range. Files holding only types have no
// code to cover and get no floor. Only what runs in jest's processes is measured: the gateway that end-to-end
// tests spawn from dist/ is not.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BASELINE = join(ROOT, 'coverage-baseline.json');
const RUNS_DIRECTORY = join(ROOT, 'coverage', 'baseline-runs');
const METRICS = ['lines', 'branches'];

function parseArguments(argv) {
  const from = argv.indexOf('--from');
  if (from !== -1) {
    const summaries = argv.slice(from + 1);
    if (summaries.length === 0) throw new Error('--from takes one or more coverage-summary.json files');
    return { summaries };
  }
  const runs = argv.indexOf('--runs');
  const count = runs === -1 ? 3 : Number(argv[runs + 1]);
  if (!Number.isInteger(count) || count < 1)
    throw new Error('--runs takes a whole number of runs, 1 or more');
  return { runs: count };
}

/** Runs jest with coverage and no floors (they are what is being measured); the path of its json-summary. */
function runJest(run, runs) {
  const directory = join(RUNS_DIRECTORY, String(run));
  process.stdout.write(`coverage run ${run} of ${runs}\n`);
  const jest = createRequire(import.meta.url).resolve('jest/bin/jest');
  const args = [
    '--coverage',
    '--coverageThreshold={}',
    '--coverageReporters=json-summary',
    `--coverageDirectory=${directory}`,
    '--silent',
  ];
  const { status } = spawnSync(process.execPath, [jest, ...args], { cwd: ROOT, stdio: 'inherit' });
  if (status !== 0) throw new Error(`jest failed (exit ${status}): floors are only taken from a passing run`);
  return join(directory, 'coverage-summary.json');
}

/** Per file (relative, with forward slashes) and metric, the percentage of each run. */
function readRuns(summaries) {
  const files = new Map();
  for (const summary of summaries) {
    for (const [file, metrics] of Object.entries(JSON.parse(readFileSync(summary, 'utf8')))) {
      if (file === 'total') continue;
      const key = relative(ROOT, file).split(sep).join('/');
      const seen = files.get(key) ?? Object.fromEntries(METRICS.map((metric) => [metric, []]));
      for (const metric of METRICS) seen[metric].push(metrics[metric].pct);
      files.set(key, seen);
    }
  }
  return files;
}

const twoDecimalsDown = (value) => Math.max(0, Math.floor(Math.round(value * 1000) / 10) / 100);

function floorOf(percentages) {
  const lowest = Math.min(...percentages);
  const highest = Math.max(...percentages);
  return twoDecimalsDown(lowest - (highest - lowest));
}

/** One file a line, sorted, in the form prettier leaves alone. */
function format(floors) {
  const lines = [...floors]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(
      ([file, floor]) =>
        `  ${JSON.stringify(file)}: { ${METRICS.map((m) => `"${m}": ${floor[m]}`).join(', ')} }`,
    );
  return `{\n${lines.join(',\n')}\n}\n`;
}

function main() {
  const options = parseArguments(process.argv.slice(2));
  let summaries = options.summaries;
  if (!summaries) {
    rmSync(RUNS_DIRECTORY, { recursive: true, force: true });
    mkdirSync(RUNS_DIRECTORY, { recursive: true });
    summaries = Array.from({ length: options.runs }, (_, index) => runJest(index + 1, options.runs));
  }
  const runs = readRuns(summaries);
  const floors = new Map();
  for (const [file, seen] of runs) {
    floors.set(file, Object.fromEntries(METRICS.map((metric) => [metric, floorOf(seen[metric])])));
    for (const metric of METRICS) {
      const values = seen[metric];
      if (Math.min(...values) !== Math.max(...values)) {
        process.stdout.write(
          `varied: ${file} ${metric} ${values.join(', ')} -> floor ${floors.get(file)[metric]}\n`,
        );
      }
    }
  }
  writeFileSync(BASELINE, format(floors));
  process.stdout.write(
    `wrote ${relative(ROOT, BASELINE)}: ${floors.size} files from ${summaries.length} runs\n`,
  );
}

main();
