/**
 * `napcat-config`: the command-line tool over the analysis core. Bundled to dist/cli.js (with a
 * shebang) and installed as the package's `bin`. The commands live in ./cli/.
 */
import { main } from './cli/main';
import { processIo } from './cli/io';

main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`napcat-config: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
