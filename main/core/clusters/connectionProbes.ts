/**
 * One connection test per protocol towards one node (issue 15), with the pollers' own clients: the admin CLI login
 * over SSH (SshCliSession, host key checked against the accepted or pinned fingerprint before the password is sent)
 * and `show version active`; ControlCenter's service list over HTTPS SOAP (SoapTransport trusting only the accepted
 * or pinned certificate, no retry after a rate limit); an SNMP get of sysName. Failures are classified
 * (connectionErrors.ts); nothing throws.
 */
import type { ConnectionTestResult } from '../../../shared/model/clusters.js';
import type { SnmpPoller } from '../polling/snmp/snmpPoller.js';
import type { SnmpTarget } from '../polling/snmp/snmpSession.js';
import { ControlCenterClient } from '../polling/soap/controlCenterClient.js';
import { SoapTransport, type SoapTarget } from '../polling/soap/soapTransport.js';
import { parseShowVersion } from '../polling/ssh/parsers/showVersion.js';
import { SshCliSession, type SshTarget } from '../polling/ssh/sshCliSession.js';
import { classifyConnectionError } from './connectionErrors.js';
import { ovaUsersFromShowHardware } from './ovaFromHardware.js';

const SYS_NAME = '1.3.6.1.2.1.1.5.0';
/** Connect + login of a test (the pollers' 20 s is for a loaded node; a person waits for this one). */
const TEST_TIMEOUT_MS = 10_000;

type Base = Pick<ConnectionTestResult, 'node' | 'host' | 'protocol' | 'port'>;

function failed(base: Base, err: unknown, protocol: 'ssh' | 'soap' | 'snmp'): ConnectionTestResult {
  return { ...base, ok: false, error: classifyConnectionError(err, protocol, base.host, base.port) };
}

/** Logs in to the admin CLI and reads the active version (and, on IM&P nodes, the OVA from `show hardware`). */
export async function probeSsh(node: string, target: SshTarget, options: { readOva?: boolean } = {}): Promise<ConnectionTestResult & { ovaUsers?: number }> {
  const base: Base = { node, host: target.host, protocol: 'ssh', port: target.port };
  const started = Date.now();
  const conn = await SshCliSession.connect({ readyTimeoutMs: TEST_TIMEOUT_MS, commandTimeoutMs: 30_000, ...target });
  if (!conn.ok) return failed(base, conn.error, 'ssh');
  try {
    const out = await conn.session.run('show version active');
    if (!out.ok) return failed(base, out.error, 'ssh');
    const latencyMs = Date.now() - started;
    const version = parseShowVersion(out.output).version;
    let ovaUsers: number | undefined;
    if (options.readOva) {
      const hw = await conn.session.run('show hardware');
      if (hw.ok) ovaUsers = ovaUsersFromShowHardware(hw.output);
    }
    return { ...base, ok: true, latencyMs, ...(version ? { detail: `version ${version}` } : {}), ...(ovaUsers ? { ovaUsers } : {}) };
  } finally {
    conn.session.dispose();
  }
}

/** Asks ControlCenter for the node's services (one SOAP request of the node's 80/min). */
export async function probeSoap(node: string, target: SoapTarget): Promise<ConnectionTestResult> {
  const base: Base = { node, host: target.host, protocol: 'soap', port: target.port };
  const started = Date.now();
  const transport = new SoapTransport({ timeoutMs: TEST_TIMEOUT_MS, ...target }, { rateLimitRetries: 0, authHoldOffMs: 0 });
  try {
    const r = await new ControlCenterClient(transport).serviceStatus([]);
    if (!r.ok) return failed(base, r.error, 'soap');
    return { ...base, ok: true, latencyMs: Date.now() - started, detail: `${r.value.length} services` };
  } catch (err) {
    return failed(base, err, 'soap');
  } finally {
    transport.dispose();
  }
}

/** Gets sysName over SNMP (v2c community or v3 user). */
export async function probeSnmp(node: string, target: SnmpTarget, poller: SnmpPoller): Promise<ConnectionTestResult> {
  const base: Base = { node, host: target.host, protocol: 'snmp', port: target.port };
  const started = Date.now();
  try {
    const r = await poller.get({ timeoutMs: 3000, retries: 1, ...target }, [SYS_NAME]);
    if (!r.ok) return failed(base, r.error, 'snmp');
    const name = r.varbinds[0]?.value;
    return { ...base, ok: true, latencyMs: Date.now() - started, ...(name !== undefined ? { detail: `sysName ${String(name)}` } : {}) };
  } catch (err) {
    return failed(base, err, 'snmp');
  }
}
