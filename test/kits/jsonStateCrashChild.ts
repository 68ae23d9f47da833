/**
 * Child of jsonStateFile.test.ts's crash test: saves ever-growing states through a JsonStateWriter as fast as it
 * can and prints the number of each save once it resolved, until the parent kills it with SIGKILL.
 * argv: <path> <padding characters per state>
 */
import { JsonStateWriter } from '../../main/core/base/jsonStateFile.js';

const [path, padArg] = process.argv.slice(2) as [string, string];
const pad = 'x'.repeat(Number(padArg));
const writer = new JsonStateWriter(path);
let seq = 0;
for (;;) {
  const mine = ++seq;
  // Two saves asked for at once: the second joins the first or waits for it, never interleaves with it.
  void writer.write(() => ({ seq: mine, pad, check: pad.length }));
  await writer.write(() => ({ seq: mine, pad, check: pad.length }));
  process.stdout.write(`${mine}\n`);
}
