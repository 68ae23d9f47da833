// `npm start -- --scenario NAME|FILE` (issue 11): the embedded cluster plays a shipped scenario by name or a
// scenario file, a relative path read from where npm start was typed (INIT_CWD). The launcher runs for real (web
// mode, free ports); a scenario it cannot play stops the start with one line naming the file.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'launch-scenario-'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>IMP Monitor</title>'); // the launcher only checks that a built UI is there
writeFileSync(join(dir, 'failover.yaml'), 'name: my-failover\ndescription: "imp-pub fails over"\nsteps:\n  - { at: 10s, action: haFailover, node: imp-pub }\n');
writeFileSync(join(dir, 'broken.yaml'), 'name: broken\nsteps:\n  - { at: soon, action: explode }\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let launches = 0;

/** Runs the launcher until it exits or prints its URL (then stops it with SIGINT). Each run has its own state folder. */
function launch(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string; url?: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/app/launch.ts', '--web', '--port', '0', '--renderer', dir, '--sim-base-port', '0', ...args], {
      env: { ...process.env, IMP_MONITOR_STATE_DIR: join(dir, `state-${++launches}`), INIT_CWD: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let url: string | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`launcher did not finish\n${stdout}\n${stderr}`));
    }, 60_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(stdout);
      if (m && !url) {
        url = m[1];
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ...(url ? { url } : {}) });
    });
  });
}

describe('npm start --scenario', () => {
  it('plays a shipped scenario by name and a scenario file by a path relative to where npm start was typed', async () => {
    const [byName, byFile] = await Promise.all([launch(['--scenario', 'ha-row-03']), launch(['--scenario', './failover.yaml'])]);
    expect(byName.url, byName.stderr).toMatch(/token=/);
    expect(byName.code).toBe(0);
    expect(byFile.url, byFile.stderr).toMatch(/token=/);
    expect(byFile.code).toBe(0);
  }, 90_000);

  it('stops with one line naming the scenario it cannot read or play', async () => {
    const [missing, broken] = await Promise.all([launch(['--scenario', 'no-such-scenario']), launch(['--scenario', 'broken.yaml'])]);
    expect(missing.code).toBe(1);
    expect(missing.url).toBeUndefined();
    expect(missing.stderr).toMatch(/\[launch\] cannot read scenario .*no-such-scenario\.yaml/);
    expect(broken.code).toBe(1);
    expect(broken.url).toBeUndefined();
    expect(broken.stderr).toContain(`[launch] scenario ${join(dir, 'broken.yaml')} is not a valid scenario`);
  }, 90_000);
});
