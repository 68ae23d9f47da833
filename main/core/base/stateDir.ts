import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The app's state folder (history, credentials, pins, settings, the embedded cluster's node certificates):
 * `$IMP_MONITOR_STATE_DIR`, else `~/.imp-monitor`. The app, its web mode and `npm run imp` use this one function,
 * so that a command run beside a running app acts on the same state.
 */
export function appStateDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.IMP_MONITOR_STATE_DIR ?? join(homedir(), '.imp-monitor');
}
