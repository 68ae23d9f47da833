/** Strips ANSI escape sequences (CSI and OSC) and carriage returns from terminal output. */
export function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g, '').replace(/\r/g, '');
}

/** The lines of a command output, ANSI-free, without a leading echoed `admin:<command>` line. */
export function outputLines(text: string): string[] {
  const lines = stripAnsi(text).split('\n');
  if (lines[0] !== undefined && /^[A-Za-z0-9_-]+:\s*\S/.test(lines[0]) && /^(admin|[a-z]+):/.test(lines[0])) lines.shift();
  return lines;
}

/**
 * The first line of `text` longer than `maxChars`, if any, scanned without splitting the text: parsers refuse such an
 * answer (garbage, or not the command's) before any regular expression runs on it.
 */
export function lineLongerThan(text: string, maxChars: number): string | undefined {
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    if (stop - start > maxChars) return text.slice(start, stop);
    if (end < 0) return undefined;
    start = end + 1;
  }
}
