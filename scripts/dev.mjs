// `npm run dev` runs this under `node --watch-path=src`: Node's watch mode restarts it on a change in src/ and,
// on SIGINT or SIGTERM, stops it and waits for it before exiting. Compiling here, in the process that watch
// mode stops, leaves no compiler behind; dist/ is not watched, so writing it restarts nothing.
import process from 'node:process';
import ts from 'typescript';

const CONFIG = 'tsconfig.build.json';

/** Compiles src/ to dist/ as `npm run build` does, incrementally; false when the compiler found errors. */
function build() {
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => report([diagnostic]) };
  const config = ts.getParsedCommandLineOfConfigFile(CONFIG, { incremental: true }, host);
  if (!config) return false;
  const program = ts.createIncrementalProgram({
    rootNames: config.fileNames,
    options: config.options,
    configFileParsingDiagnostics: config.errors,
  });
  const diagnostics = [...ts.getPreEmitDiagnostics(program.getProgram()), ...program.emit().diagnostics];
  report(diagnostics);
  return diagnostics.length === 0;
}

function report(diagnostics) {
  if (diagnostics.length === 0) return;
  const formatHost = {
    getCanonicalFileName: (fileName) => fileName,
    getCurrentDirectory: ts.sys.getCurrentDirectory,
    getNewLine: () => ts.sys.newLine,
  };
  process.stderr.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, formatHost));
}

if (build()) {
  await import('../dist/index.js');
} else {
  // Watch mode waits for the next change; the gateway does not run code that failed to compile.
  process.stderr.write('dev: not started: fix the errors above\n');
  process.exitCode = 1;
}
