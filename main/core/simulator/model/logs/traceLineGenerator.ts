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

/**
 * Produces deterministic, realistic-looking trace lines for a trace file: the same seed gives the same bytes.
 * Used to pre-fill rotated files so collection has data to move; live events are appended by the model.
 */
export function generateTraceText(seed: string, startMs: number, endMs: number, targetBytes: number, domain: string): string {
  const rng = new SeededRandom(seed);
  const parts: string[] = [];
  let bytes = 0;
  const lineEstimate = 110;
  const lines = Math.max(1, Math.ceil(targetBytes / lineEstimate));
  const step = Math.max(1, (endMs - startMs) / lines);
  let t = startMs;
  while (bytes < targetBytes) {
    const template = MESSAGES[rng.int(0, MESSAGES.length - 1)]!;
    const text = template
      .replace('{user}', `user${rng.int(1, 9999)}`)
      .replace('{user2}', `user${rng.int(1, 9999)}`)
      .replaceAll('{domain}', domain)
      .replace('{sid}', rng.int(100000, 999999).toString(16))
      .replace('{n}', String(rng.int(1, 500)));
    const line = `${new Date(Math.floor(t)).toISOString()} ${LEVELS[rng.int(0, LEVELS.length - 1)]} [thread-${rng.int(1, 64)}] ${text}\n`;
    parts.push(line);
    bytes += line.length;
    t += step;
  }
  return parts.join('');
}
