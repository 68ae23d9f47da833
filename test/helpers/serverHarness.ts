/**
 * A server for tests (issue 16): `startTestServer` runs main/core/server/serverMode.ts in process on 127.0.0.1:0
 * over a fresh data folder (the embedded simulated cluster on free ports), `spawnServer` runs the real `npm run
 * server` entry point as a child process and waits for its URL. Operators are created with the real `imp operators`
 * command line (`addOperatorWithCli`) or through the backend's operators service (`addOperator`, fast); calls go
 * through curl, as a browser or a script would send them (`login`, `call`, `curlApi`). Everything opened is closed
 * by the dispose/stop functions; temporary folders are removed.
 *
 * Used by the server tests (test/integration/server*.test.ts), the client test (HCL) and the browser tests (HUI).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IpcResult } from '../../shared/ipc/envelope.js';
import type { OperatorInput, Role } from '../../shared/model/access.js';
import { startServer, type RunningServer, type ServerOptions } from '../../main/core/server/serverMode.js';

/** The repository root (where `npm run …` runs). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** curl, which every server test needs (Debian package curl). */
export const CURL_TOOL = { path: '/usr/bin/curl', apt: 'curl' } as const;
/** openssl, for the TLS tests' certificates (Debian package openssl). */
export const OPENSSL_TOOL = { path: '/usr/bin/openssl', apt: 'openssl' } as const;

/** A server started in process for a test. */
export interface TestServer {
  readonly server: RunningServer;
  /** The data folder (history.db, credentials, settings). */
  readonly dataDir: string;
  /** `http(s)://127.0.0.1:<port>` */
  readonly url: string;
  /** Stops the server; removes the data folder when this harness made it (unless `keepDataDir`). */
  dispose(options?: { readonly keepDataDir?: boolean }): Promise<void>;
}

/** Options of startTestServer: serverMode's options, all optional. */
export interface TestServerOptions extends Partial<ServerOptions> {
  /** A data folder to use (a restart test passes the previous one); default a fresh temporary folder. */
  readonly dataDir?: string;
}

/**
 * Starts a server in process: 127.0.0.1:0, a fresh data folder, the embedded simulated cluster on free ports with
 * no scenario (quiet) unless `embedded` says otherwise, a one-page UI folder unless `rendererDir` is given (browser
 * tests pass the built dist/renderer), no /metrics unless `metricsListen` is given.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const made = options.dataDir === undefined ? await mkdtemp(path.join(tmpdir(), 'imp-server-')) : undefined;
  const dataDir = options.dataDir ?? (made as string);
  let rendererDir = options.rendererDir;
  let madeRenderer: string | undefined;
  if (rendererDir === undefined) {
    madeRenderer = await mkdtemp(path.join(tmpdir(), 'imp-server-ui-'));
    rendererDir = await writeMinimalRenderer(madeRenderer);
  }
  const { dataDir: _ignored, ...serverOptions } = options;
  let server: RunningServer;
  try {
    server = await startServer({
      listen: { host: '127.0.0.1', port: 0 },
      metricsListen: false,
      ...serverOptions,
      stateDir: dataDir,
      rendererDir,
      embedded: { enabled: true, basePort: 0, scenario: null, ...options.embedded },
      backendOptions: { receivers: { freePorts: true }, ...options.backendOptions },
    });
  } catch (err) {
    if (made) await rm(made, { recursive: true, force: true });
    if (madeRenderer) await rm(madeRenderer, { recursive: true, force: true });
    throw err;
  }
  let disposed: Promise<void> | undefined;
  return {
    server,
    dataDir,
    url: server.url,
    dispose(o = {}) {
      disposed ??= (async () => {
        await server.dispose();
        if (made && !o.keepDataDir) await rm(made, { recursive: true, force: true });
        if (madeRenderer) await rm(madeRenderer, { recursive: true, force: true });
      })();
      return disposed;
    },
  };
}

/** Writes a one-page UI (index.html and one asset) into `dir`; returns its path. */
export async function writeMinimalRenderer(dir: string): Promise<string> {
  const root = path.join(dir, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>IMP Monitor</title><script type="module" src="/assets/app.js"></script>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log("app");');
  return root;
}

/** Creates an operator through the server's operators service (in process, as the store does it for `imp operators`). */
export async function addOperator(server: TestServer | RunningServer, input: OperatorInput): Promise<void> {
  const running = 'server' in server ? server.server : server;
  await running.backend.api.operators.add(input);
}

/** The outcome of a process run to its end. */
export interface ProcessRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a tsx entry point of the repository to its end with `env` added; `what` names it in a timeout. */
function runEntryToEnd(entry: string, what: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${what} did not end in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    // 'close', not 'exit': at 'exit' the last of stdout may still be in the pipe (Node's child_process docs).
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs `npm run imp -- …` (tsx main/core/cli/impMain.ts) to its end, in the repository, with `env` added. */
export function runImp(args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 120_000): Promise<ProcessRun> {
  return runEntryToEnd('main/core/cli/impMain.ts', `imp ${args.join(' ')}`, args, env, timeoutMs);
}

/**
 * Creates an operator with the real command line (`imp operators add --password-env`, the way an admin does it on the
 * server's machine); the password travels only in the environment. Throws with the output unless it exits 0.
 */
export async function addOperatorWithCli(dataDir: string, input: { readonly name: string; readonly role: Role; readonly password: string }): Promise<ProcessRun> {
  const r = await runImp(['operators', 'add', '--name', input.name, '--role', input.role, '--password-env', 'IMP_TEST_OPERATOR_PASSWORD', '--data-dir', dataDir], { IMP_TEST_OPERATOR_PASSWORD: input.password });
  if (r.code !== 0) throw new Error(`imp operators add ${input.name} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** A curl answer: status, raw headers and body. */
export interface CurlResult {
  readonly status: number;
  readonly headers: string;
  readonly body: string;
}

/** Runs curl with `-sS -i` and splits the answer; `cacert` trusts a test CA (HTTPS). */
export async function curl(args: readonly string[], options: { readonly cacert?: string } = {}): Promise<CurlResult> {
  const all = ['-sS', '-i', '--max-time', '30', ...(options.cacert ? ['--cacert', options.cacert] : []), ...args];
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile('curl', all, { maxBuffer: 16 * 1024 * 1024 }, (err, out, errOut) => (err ? reject(new Error(`curl ${args.join(' ')} failed: ${errOut || err.message}`)) : resolve(out)));
  });
  // Skip interim answers (100 Continue) to the final one.
  let rest = stdout;
  for (;;) {
    const split = rest.indexOf('\r\n\r\n');
    const head = split >= 0 ? rest.slice(0, split) : rest;
    const status = Number(/^HTTP\/[\d.]+ (\d+)/.exec(head)?.[1]);
    if (status >= 100 && status < 200 && split >= 0) {
      rest = rest.slice(split + 4);
      continue;
    }
    return { status, headers: head, body: split >= 0 ? rest.slice(split + 4) : '' };
  }
}

/** How a test call proves itself: a session token as Bearer, as the browser's cookie (with Origin), or nothing. */
export type Credential = { readonly bearer: string } | { readonly cookie: string } | undefined;

/** An API call's answer. */
export interface ApiAnswer<T = unknown> {
  readonly status: number;
  readonly headers: string;
  readonly result: IpcResult<T>;
}

/**
 * POSTs `args` to `<url>/api/<service>/<method>` with curl, like the UI does: JSON body, Origin of the server (a
 * browser sends it), the credential as a cookie or Bearer.
 */
export async function curlApi<T = unknown>(url: string, service: string, method: string, args: readonly unknown[], credential?: Credential, options: { readonly cacert?: string; readonly origin?: string | null } = {}): Promise<ApiAnswer<T>> {
  const headers = ['-H', 'Content-Type: application/json'];
  if (options.origin !== null) headers.push('-H', `Origin: ${options.origin ?? url}`);
  if (credential && 'bearer' in credential) headers.push('-H', `Authorization: Bearer ${credential.bearer}`);
  if (credential && 'cookie' in credential) headers.push('-H', `Cookie: imp_session=${credential.cookie}`);
  const r = await curl(['-X', 'POST', ...headers, '--data-binary', JSON.stringify(args), `${url}/api/${service}/${method}`], options);
  let result: IpcResult<T>;
  try {
    result = JSON.parse(r.body) as IpcResult<T>;
  } catch {
    throw new Error(`${service}.${method}: HTTP ${r.status}, not JSON: ${r.body.slice(0, 300)}`);
  }
  return { status: r.status, headers: r.headers, result };
}

/** The `imp_session` value a Set-Cookie header carries, if any (empty for a cleared cookie). */
export function sessionCookieOf(headers: string): string | undefined {
  const m = /^set-cookie:\s*imp_session=([^;\r\n]*)/im.exec(headers);
  return m?.[1];
}

/** A login's answer: the session token from the cookie (when it succeeded) and the whole answer. */
export interface LoginAnswer extends ApiAnswer {
  readonly token?: string;
}

/** Logs in through `/api/session/login` with curl; the token is the `imp_session` cookie's value. */
export async function login(url: string, name: string, password: string, options: { readonly cacert?: string } = {}): Promise<LoginAnswer> {
  const answer = await curlApi(url, 'session', 'login', [name, password], undefined, options);
  const token = sessionCookieOf(answer.headers);
  return { ...answer, ...(token ? { token } : {}) };
}

/** Logs in and returns the token; throws with the answer when the login fails. */
export async function loginToken(url: string, name: string, password: string, options: { readonly cacert?: string } = {}): Promise<string> {
  const r = await login(url, name, password, options);
  if (!r.result.ok || r.token === undefined) throw new Error(`login as ${name} failed: HTTP ${r.status} ${JSON.stringify(r.result)}`);
  return r.token;
}

/** Calls a method as a session token (Bearer); the IpcResult and status. */
export function call<T = unknown>(url: string, token: string | undefined, service: string, method: string, args: readonly unknown[] = [], options: { readonly cacert?: string } = {}): Promise<ApiAnswer<T>> {
  return curlApi<T>(url, service, method, args, token === undefined ? undefined : { bearer: token }, options);
}

/** A server running as its own process (`npm run server`). */
export interface SpawnedServer {
  readonly child: ChildProcess;
  /** The URL it printed. */
  readonly url: string;
  /** Everything printed so far (stdout and stderr interleaved). */
  output(): string;
  /** SIGTERM (graceful stop), then waits for the exit; SIGKILL after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<ProcessRun>;
}

/**
 * Runs the server entry point (`tsx main/core/server/serverMain.ts`, what `npm run server` runs after building the
 * UI) with `args` and waits for the line with its URL. Rejects with the output when it exits first. Pass
 * `IMP_RENDERER_DIR` in `env` (a folder from writeMinimalRenderer) unless dist/renderer is built.
 */
export function spawnServer(args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 180_000): Promise<SpawnedServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/core/server/serverMain.ts', ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let all = '';
    let found = false;
    const closed = new Promise<ProcessRun>((done) => child.on('close', (code) => done({ code, stdout, stderr })));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server printed no URL in ${timeoutMs} ms\n${all}`));
    }, timeoutMs);
    const look = () => {
      const m = /IMP Monitor server is at:\s*\n\s*(https?:\/\/\S+)\n.*Ctrl\+C stops\./.exec(all);
      if (m && !found) {
        found = true;
        clearTimeout(timer);
        resolve({
          child,
          url: m[1]!.replace(/\/$/, ''),
          output: () => all,
          async stop(stopMs = 60_000) {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            const kill = setTimeout(() => child.kill('SIGKILL'), stopMs);
            try {
              return await closed;
            } finally {
              clearTimeout(kill);
            }
          },
        });
      }
    };
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      all += d.toString();
      look();
    });
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      all += d.toString();
    });
    void closed.then((r) => {
      if (found) return;
      clearTimeout(timer);
      reject(Object.assign(new Error(`the server exited ${r.code} before printing its URL\n${all}`), { run: r }));
    });
  });
}

/** Runs the server entry point to its end (for the refusals: exit 2 before binding). */
export function runServerToEnd(args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 120_000): Promise<ProcessRun> {
  return runEntryToEnd('main/core/server/serverMain.ts', 'the server', args, env, timeoutMs);
}

/**
 * A self-signed certificate for 127.0.0.1 and localhost made with openssl (a CA-less leaf: curl --cacert trusts it
 * directly); files in `dir`.
 */
export async function makeTestCertificate(dir: string): Promise<{ readonly certFile: string; readonly keyFile: string }> {
  const certFile = path.join(dir, 'server-cert.pem');
  const keyFile = path.join(dir, 'server-key.pem');
  await new Promise<void>((resolve, reject) => {
    execFile(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-addext', 'basicConstraints=critical,CA:TRUE'],
      (err, _out, errOut) => (err ? reject(new Error(`openssl failed: ${errOut || err.message}`)) : resolve()),
    );
  });
  return { certFile, keyFile };
}
