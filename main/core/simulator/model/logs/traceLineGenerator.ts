import { SeededRandom } from '../../random/seededRandom.js';

const LEVELS = ['INFO', 'INFO', 'INFO', 'DEBUG', 'INFO', 'WARN', 'INFO', 'ERROR'];
const MESSAGES = [
  'JSM session created for user {user}@{domain}',
  'Session {sid} presence update delivered to {n} watchers',
  'Routing packet from {user}@{domain}/jabber_{n} to {user2}@{domain}',
  'Roster fetched for {user}@{domain}: {n} items',
  'Component connection keep-alive ok ({n} ms)',
  'SIP SUBSCRIBE from sip:{user}@{domain} answered 200 OK',
  'DB query completed in {n} ms',
  'Client {user}@{domain} resource jabber_{n} disconnected',
  'Message archived for room conf-{n}@conference.{domain}',
  'Heartbeat to peer acknowledged (seq {n})',
];

const CHUNK_BYTES = 1 << 20;

/**
 * Produces deterministic, realistic-looking trace lines for a trace file: the same seed gives the same bytes.
 * Used to pre-fill rotated files so collection has data to move; live events are appended by the model.
 * Lines are written straight into 1 MB buffers: a file of hundreds of MB never exists as one JS string, so
 * building it leaves no large heap garbage behind (which slowed the SFTP transfers that followed).
 */
export function generateTraceBytes(seed: string, startMs: number, endMs: number, targetBytes: number, domain: string): Buffer {
  const chunks: Buffer[] = [];
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  for (const line of traceLines(seed, startMs, endMs, targetBytes, domain)) {
    const len = Buffer.byteLength(line);
    if (used + len > chunk.length) {
      chunks.push(chunk.subarray(0, used));
      chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, len));
      used = 0;
    }
    used += chunk.write(line, used);
  }
  chunks.push(chunk.subarray(0, used));
  return Buffer.concat(chunks);
}

/** The same content as one string (small files and tests). */
export function generateTraceText(seed: string, startMs: number, endMs: number, targetBytes: number, domain: string): string {
  return [...traceLines(seed, startMs, endMs, targetBytes, domain)].join('');
}

function* traceLines(seed: string, startMs: number, endMs: number, targetBytes: number, domain: string): Generator<string> {
  const rng = new SeededRandom(seed);
  let bytes = 0;
  while (bytes < targetBytes) {
    // The time follows the share of the file written, so the last line is stamped at most `endMs` (a rotated file
    // never holds lines from after it was closed, whatever the lines' lengths).
    const line = traceLine(rng, startMs + Math.floor(((endMs - startMs) * bytes) / targetBytes), domain);
    yield line;
    bytes += line.length;
  }
}

/** One trace line stamped `timeMs` (with its newline), drawn from `rng`: the rotated files' lines and live ones. */
export function traceLine(rng: SeededRandom, timeMs: number, domain: string): string {
  const template = MESSAGES[rng.int(0, MESSAGES.length - 1)]!;
  const text = template
    .replace('{user}', `user${rng.int(1, 9999)}`)
    .replace('{user2}', `user${rng.int(1, 9999)}`)
    .replaceAll('{domain}', domain)
    .replace('{sid}', rng.int(100000, 999999).toString(16))
    .replace('{n}', String(rng.int(1, 500)));
  return `${new Date(Math.floor(timeMs)).toISOString()} ${LEVELS[rng.int(0, LEVELS.length - 1)]} [thread-${rng.int(1, 64)}] ${text}\n`;
}
