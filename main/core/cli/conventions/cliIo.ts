/** Where a command of `npm run imp` reads and writes: data on stdout only, everything else on stderr. */
export interface CliIo {
  /** The data of the verb (a table, CSV or JSON), nothing else. */
  readonly stdout: NodeJS.WritableStream;
  /** Progress, messages, errors and the usage text. */
  readonly stderr: NodeJS.WritableStream;
  /** Read only to ask for a secret, and only when `interactive`. */
  readonly stdin: NodeJS.ReadableStream;
  /** Environment: `--<name>-env VAR` secrets, IMP_MONITOR_STATE_DIR, the `{ env: NAME }` secrets of a config. */
  readonly env: NodeJS.ProcessEnv;
  /** A person is at a terminal (stdin and stderr are TTYs): a missing secret may be asked for. */
  readonly interactive: boolean;
}

/**
 * The process's own streams and environment. A reader that stops early (`imp … | head`) closes stdout: the
 * command then ends quietly (exit 0), as shell tools do, instead of failing on EPIPE.
 */
export function processIo(): CliIo {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    interactive: process.stdin.isTTY === true && process.stderr.isTTY === true,
  };
}
