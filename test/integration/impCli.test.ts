// `npm run imp` as a process (issue 11, "One command line for every capability"): `nodes status` against the
// embedded simulated cluster (no options), a running `npm run sim` (--endpoints) and a collector config pointing
// at it (--config, secrets from the environment); `clusters list` in its three formats; the exit codes (0, 1 with
// one line on stderr, 2 with the usage) and stdout holding only data, parsed as such.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { PinnedTrustStore } from '../../main/core/credentials/pinnedTrustStore.js';
import { until } from '../helpers/until.js';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface NodeStatusJson {
  cluster: string;
  node: string;
  role: string;
  reachability: { snmp: string; soap: string; ssh: string };
  version: string | null;
  haState: string | null;
}

interface EndpointsJson {
  nodes: Array<{ name: string; role: string; cluster: string; ssh: { host: string; port: number; username: string; password: string }; snmp: { host: string; port: number; community: string }; soap: { host: string; port: number; username: string; password: string; caFile: string } }>;
}

const dir = mkdtempSync(join(tmpdir(), 'imp-cli-'));
const endpointsFile = join(dir, 'endpoints.json');
let sim: ChildProcess;

/** Runs `imp` (tsx main/core/cli/impMain.ts, or `npm run --silent imp --`) to its end. */
function imp(args: readonly string[], options: { env?: NodeJS.ProcessEnv; npm?: boolean; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, IMP_MONITOR_STATE_DIR: join(dir, 'state'), ...options.env };
    const child = options.npm
      ? spawn('npm', ['run', '--silent', 'imp', '--', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(process.execPath, ['--import', 'tsx', 'main/core/cli/impMain.ts', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const timeoutMs = options.timeoutMs ?? 90_000;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`imp ${args.join(' ')} did not end in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    // 'close', not 'exit': at 'exit' the last of stdout may still be in the pipe (Node's child_process docs).
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const endpoints = (): EndpointsJson => JSON.parse(readFileSync(endpointsFile, 'utf8')) as EndpointsJson;

/** Every node of the default profile answered on every protocol, with its version and (IM&P) HA state. */
function expectHealthy(rows: NodeStatusJson[], cluster: string): void {
  expect(rows.map((r) => r.node).sort()).toEqual(['cucm-pub', 'imp-pub', 'imp-sub1', 'imp-sub2', 'imp-sub3']);
  for (const r of rows) {
    expect(Object.keys(r)).toEqual(['cluster', 'node', 'role', 'reachability', 'version', 'haState']);
    expect(r.cluster).toBe(cluster);
    expect(r.reachability, r.node).toEqual({ snmp: 'up', soap: 'up', ssh: 'up' });
    expect(r.version, r.node).toMatch(/^\d+\.\d+\.\d+\.\d+-\d+$/);
    if (r.role === 'cucm-publisher') expect(r.haState).toBeNull();
    else expect(r.haState, r.node).toBe('Normal');
  }
  expect(rows.find((r) => r.node === 'imp-sub1')?.role).toBe('imp-subscriber');
}

/** A collector config for the running `npm run sim`, every secret named by an environment variable. */
function writeConfig(name: string, extra: Record<string, unknown> = {}): string {
  const nodes = endpoints().nodes;
  const pub = nodes.find((n) => n.role === 'imp-publisher')!;
  const path = join(dir, name);
  writeFileSync(path, stringify({
    stateDir: `${name}-state`,
    trustOnFirstUse: true,
    clusters: [{
      id: 'lab', name: 'Lab (simulated)', publisher: pub.ssh.host,
      admin: { username: pub.ssh.username, password: { env: 'IMP_TEST_ADMIN_PW' } },
      application: { username: pub.soap.username, password: { env: 'IMP_TEST_APP_PW' } },
      snmp: { version: '2c', community: { env: 'IMP_TEST_COMMUNITY' } },
      nodes: nodes.map((n) => ({ name: n.name, host: n.ssh.host, role: n.role, sshPort: n.ssh.port, snmpPort: n.snmp.port, soapPort: n.soap.port })),
      ...extra,
    }],
  }));
  return path;
}

const configEnv = (): NodeJS.ProcessEnv => {
  const pub = endpoints().nodes.find((n) => n.role === 'imp-publisher')!;
  return { IMP_TEST_ADMIN_PW: pub.ssh.password, IMP_TEST_APP_PW: pub.soap.password, IMP_TEST_COMMUNITY: pub.snmp.community };
};

beforeAll(async () => {
  // A real `npm run sim` process on free ports, publishing its endpoints file.
  sim = spawn(process.execPath, ['--import', 'tsx', 'main/core/simulator/cli/simMain.ts', '--base-port', '0', '--endpoints-file', endpointsFile], { stdio: ['ignore', 'ignore', 'inherit'] });
  await until('the endpoints file of npm run sim', () => (existsSync(endpointsFile) ? true : undefined), 60_000);
});

afterAll(async () => {
  if (sim && sim.exitCode === null) {
    const exited = new Promise((r) => sim.once('exit', r));
    sim.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('imp nodes status', () => {
  it('with no options polls the embedded simulated cluster: every node and protocol up, versions and HA states', async () => {
    const r = await imp(['nodes', 'status', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expectHealthy(JSON.parse(r.stdout) as NodeStatusJson[], 'sim');
    expect(r.stderr).toContain('starting the embedded simulated cluster');
  }, 120_000);

  it('with --endpoints polls a running npm run sim', async () => {
    const r = await imp(['nodes', 'status', '--endpoints', endpointsFile, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expectHealthy(JSON.parse(r.stdout) as NodeStatusJson[], 'sim');
    expect(r.stderr).not.toContain('embedded');
  }, 120_000);

  it('with --config polls the clusters of a collector config, secrets from the environment', async () => {
    const config = writeConfig('lab.yaml');
    const r = await imp(['nodes', 'status', '--config', config, '--format', 'json'], { env: configEnv() });
    expect(r.code, r.stderr).toBe(0);
    expectHealthy(JSON.parse(r.stdout) as NodeStatusJson[], 'lab');
    // Trust on first use (as the config says) pinned every node's host key and certificate beside the config.
    const pins = (await PinnedTrustStore.open(join(dir, 'lab.yaml-state', 'trust.json'))).list();
    expect(pins).toHaveLength(10);
    for (const n of endpoints().nodes) {
      expect(pins.some((p) => p.kind === 'ssh' && p.host === n.ssh.host && p.port === n.ssh.port), n.name).toBe(true);
      expect(pins.some((p) => p.kind === 'tls' && p.host === n.soap.host && p.port === n.soap.port), n.name).toBe(true);
    }
  }, 120_000);

  it('asks a person at a terminal for a config secret whose variable is not set, without echoing it', async () => {
    // A real pseudo-terminal (python3's pty module): the prompt, the typed answer, and the data after it.
    const config = writeConfig('prompt.yaml');
    const env = configEnv();
    const answer = env.IMP_TEST_ADMIN_PW!;
    delete env.IMP_TEST_ADMIN_PW;
    const driver = `
import os, pty, select, sys
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
out, sent = b'', False
while True:
    r, _, _ = select.select([fd], [], [], 90)
    if not r: break
    try: data = os.read(fd, 4096)
    except OSError: break
    if not data: break
    out += data
    if not sent and b'IMP_TEST_ADMIN_PW is not set): ' in out:
        os.write(fd, os.environ['ANSWER'].encode() + b'\\r'); sent = True
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode())
sys.exit(os.waitstatus_to_exitcode(status))
`;
    const r = await new Promise<Run>((resolve) => {
      const child = spawn('python3', ['-c', driver, process.execPath, '--import', 'tsx', 'main/core/cli/impMain.ts', 'nodes', 'status', '--config', config, '--json'], {
        env: { ...process.env, ...env, IMP_TEST_ADMIN_PW: '', ANSWER: answer, IMP_MONITOR_STATE_DIR: join(dir, 'state') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('the OS administrator password of cluster lab (admin) ($IMP_TEST_ADMIN_PW is not set): ');
    expect(r.stdout).not.toContain(answer);
    expectHealthy(JSON.parse(r.stdout.slice(r.stdout.indexOf('\n['))) as NodeStatusJson[], 'lab');
  }, 120_000);

  it('prints a table and CSV for people and scripts', async () => {
    const table = await imp(['nodes', 'status', '--endpoints', endpointsFile]);
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^CLUSTER\s+NODE\s+ROLE\s+SNMP\s+SOAP\s+SSH\s+VERSION\s+HA STATE$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[1]).sort()).toEqual(['cucm-pub', 'imp-pub', 'imp-sub1', 'imp-sub2', 'imp-sub3']);
    expect(lines.find((l) => l.includes('cucm-pub'))).toMatch(/up\s+up\s+up\s+\S+\s+-$/);
    const csv = await imp(['nodes', 'status', '--endpoints', endpointsFile, '--format', 'csv']);
    const rows = csv.stdout.trimEnd().split('\n').map((l) => l.split(','));
    expect(rows[0]).toEqual(['CLUSTER', 'NODE', 'ROLE', 'SNMP', 'SOAP', 'SSH', 'VERSION', 'HA STATE']);
    expect(rows.find((r) => r[1] === 'cucm-pub')?.slice(3)).toEqual(['up', 'up', 'up', expect.stringMatching(/^14\./), '']);
    expect(rows.find((r) => r[1] === 'imp-sub2')?.[7]).toBe('Normal');
  }, 120_000);

  it('exits 1 when no node answers at all, the data still printed and one line on stderr', async () => {
    // The endpoints of a cluster that is not there: every port of every node closed.
    const free = createServer();
    await new Promise<void>((r) => free.listen(0, '127.0.0.1', () => r()));
    const port = (free.address() as { port: number }).port;
    await new Promise<void>((r) => free.close(() => r()));
    const doc = endpoints();
    const dead = { ...doc, nodes: doc.nodes.map((n) => ({ ...n, ssh: { ...n.ssh, host: '127.0.0.1', port }, snmp: { ...n.snmp, host: '127.0.0.1', port }, soap: { ...n.soap, host: '127.0.0.1', port } })) };
    const file = join(dir, 'dead.json');
    writeFileSync(file, JSON.stringify(dead));
    const r = await imp(['nodes', 'status', '--endpoints', file, '--json', '--timeout', '20']);
    expect(r.code).toBe(1);
    const rows = JSON.parse(r.stdout) as NodeStatusJson[];
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(Object.values(row.reachability).every((s) => s === 'down' || s === 'unknown'), JSON.stringify(row)).toBe(true);
      expect(row.reachability.ssh).toBe('down'); // connection refused
      expect(row.version).toBeNull();
      expect(row.haState).toBeNull();
    }
    expect(r.stderr.trimEnd().split('\n').filter((l) => l.startsWith('imp: '))).toEqual(['imp: no node answered on any protocol within 20 s']);
  }, 120_000);
});

describe('imp clusters list', () => {
  it('lists where it acts as a table, CSV and JSON', async () => {
    const json = await imp(['clusters', 'list', '--endpoints', endpointsFile, '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const publisher = endpoints().nodes.find((n) => n.role === 'imp-publisher')!.ssh.host;
    expect(JSON.parse(json.stdout)).toEqual([{ id: 'sim', name: 'imp-cluster (simulated)', publisher, nodeCount: 5, simulated: true }]);
    const csv = await imp(['clusters', 'list', '--endpoints', endpointsFile, '--format', 'csv']);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toBe(`ID,NAME,PUBLISHER,NODES,SIMULATED\nsim,imp-cluster (simulated),${publisher},5,true\n`);
    const table = await imp(['clusters', 'list', '--endpoints', endpointsFile]);
    expect(table.code, table.stderr).toBe(0);
    const [header, row, ...rest] = table.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID\s+NAME\s+PUBLISHER\s+NODES\s+SIMULATED$/);
    expect(row!.split(/\s{2,}/)).toEqual(['sim', 'imp-cluster (simulated)', publisher, '5', 'true']);
    expect(rest).toEqual([]);
  }, 120_000);

  it('lists the clusters of a config, and the embedded cluster with no options, through npm run imp', async () => {
    const config = writeConfig('list.yaml');
    const fromConfig = await imp(['clusters', 'list', '--config', config, '--json'], { env: configEnv() });
    expect(fromConfig.code, fromConfig.stderr).toBe(0);
    expect(JSON.parse(fromConfig.stdout)).toMatchObject([{ id: 'lab', name: 'Lab (simulated)', nodeCount: 5, simulated: false }]);
    const embedded = await imp(['clusters', 'list', '--json'], { npm: true });
    expect(embedded.code, embedded.stderr).toBe(0);
    expect(JSON.parse(embedded.stdout)).toMatchObject([{ id: 'sim', name: 'imp-cluster (simulated)', nodeCount: 5, simulated: true }]);
  }, 120_000);
});

describe('imp exit codes', () => {
  it('exits 2 on bad usage with the usage on stderr and nothing on stdout', async () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /Usage: imp <area> <verb>/],
      [['nodes'], /Usage: imp nodes <verb>/],
      [['bogus', 'list'], /unknown command 'bogus'[\s\S]*Usage: imp/],
      [['nodes', 'status', '--bogus'], /unknown option '--bogus'[\s\S]*Usage: imp nodes status/],
      [['nodes', 'status', '--format', 'xml'], /Allowed choices are table, csv, json[\s\S]*Usage: imp nodes status/],
      [['nodes', 'status', '--timeout', '0'], /--timeout needs seconds, 1-3600, got 0[\s\S]*Usage: imp nodes status/],
      [['clusters', 'list', '--config', 'a.yaml', '--endpoints', 'b.json'], /cannot be used with option[\s\S]*Usage: imp clusters list/],
      [['clusters', 'list', '--json', '--format', 'csv'], /cannot be used with option[\s\S]*Usage: imp clusters list/],
      [['clusters', 'list', 'extra'], /too many arguments[\s\S]*Usage: imp clusters list/],
    ];
    const runs = await Promise.all(cases.map(([args]) => imp(args)));
    for (const [i, [args, usage]] of cases.entries()) {
      const r = runs[i]!;
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr, args.join(' ')).toMatch(usage);
    }
  }, 180_000);

  it('prints the help on stdout with exit 0 when asked, naming the conventions and the JSON shape', async () => {
    const top = await imp(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/--config FILE[\s\S]*--endpoints FILE[\s\S]*--data-dir DIR[\s\S]*--format table\|csv\|json[\s\S]*--<name>-env VAR[\s\S]*2 bad usage/);
    const verb = await imp(['nodes', 'status', '--help']);
    expect(verb.code).toBe(0);
    expect(verb.stdout).toContain('{cluster, node, role, reachability: {snmp, soap, ssh}, version, haState}');
    expect(verb.stdout).toMatch(/Exit codes: 0 when at least one node answered/);
  }, 60_000);

  it('exits 1 with one line on stderr for a bad config, a missing secret and a missing endpoints file', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, stringify({ clusters: [{ id: 'Bad Id', name: 'x' }] }));
    const missingSecret = writeConfig('nosecret.yaml');
    const cases: Array<[string[], RegExp]> = [
      [['nodes', 'status', '--config', bad], /^imp: VALIDATION: collector config .*bad\.yaml is not valid: clusters\.0\.id: .*; clusters\.0\./],
      [['nodes', 'status', '--config', join(dir, 'missing.yaml')], /^imp: VALIDATION: cannot read collector config .*missing\.yaml/],
      [['clusters', 'list', '--config', missingSecret], /^imp: VALIDATION: environment variable IMP_TEST_ADMIN_PW is not set$/],
      [['clusters', 'list', '--endpoints', join(dir, 'none.json')], /^imp: VALIDATION: cannot read endpoints file .*none\.json/],
    ];
    const runs = await Promise.all(cases.map(([args]) => imp(args)));
    for (const [i, [args, line]] of cases.entries()) {
      const r = runs[i]!;
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stdout, args.join(' ')).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0]).toMatch(line);
    }
  }, 120_000);
});
