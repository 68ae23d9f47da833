import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ClusterModel } from '../../main/core/simulator/model/clusterModel.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startNodeProtocolEndpoints } from '../../main/core/simulator/runtime/nodeProtocolEndpoints.js';
import { startSyslogForwarder } from '../../main/core/simulator/runtime/syslogForwarder.js';
import { run } from './simClusterHarness.js';

const dir = mkdtempSync(join(tmpdir(), 'sim-lifecycle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bindUdp = (port: number): Promise<void> =>
  new Promise((resolve, reject) => {
    const s = createSocket('udp4');
    s.once('error', (err) => s.close(() => reject(err)));
    s.bind(port, '127.0.0.1', () => s.close(() => resolve()));
  });
const listenTcp = (port: number): Promise<void> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => s.close(() => resolve()));
  });

describe('node protocol endpoints lifecycle', () => {
  it('writes the node certificate, and dispose() frees both ports and every model timer and listener', async () => {
    const profile = loadProfile();
    const model = new ClusterModel(profile, { seed: 1 });
    const pendingBefore = model.scheduler.pending;
    const ep = profile.endpoints;
    const e = await startNodeProtocolEndpoints(model, 'imp-sub2', {
      snmpPort: 0, soapPort: 0, community: ep.snmpCommunity, v3User: ep.snmpV3, appUser: ep.applicationUser, certDir: join(dir, 'certs'), log: () => undefined,
    });
    const cert = new X509Certificate(readFileSync(e.soap.caFile));
    expect(cert.subject).toContain('CN=imp-sub2');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(model.scheduler.pending).toBe(pendingBefore + 1);
    await expect(bindUdp(e.snmp.port)).rejects.toThrow(/EADDRINUSE/);
    await expect(listenTcp(e.soap.port)).rejects.toThrow(/EADDRINUSE/);

    await e.dispose();
    await e.dispose(); // idempotent
    expect(model.scheduler.pending).toBe(pendingBefore);
    await bindUdp(e.snmp.port);
    await listenTcp(e.soap.port);
    // An alarm after dispose reaches no listener of ours (a leftover one would fail on the closed sockets).
    const errors = vi.spyOn(console, 'error');
    model.alarms.raise('imp-sub2', 'PEIDSQueryError', 'after dispose');
    await new Promise((r) => setTimeout(r, 50));
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
    model.dispose();
  });

  it('refuses a non-loopback host and an unknown node with clear errors', async () => {
    const profile = loadProfile();
    const model = new ClusterModel(profile, { seed: 1 });
    const ep = profile.endpoints;
    const base = { snmpPort: 0, soapPort: 0, community: 'public', v3User: ep.snmpV3, appUser: ep.applicationUser, certDir: join(dir, 'c2') };
    await expect(startNodeProtocolEndpoints(model, 'imp-pub', { ...base, host: '0.0.0.0' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(startNodeProtocolEndpoints(model, 'no-such-node', base)).rejects.toThrow(/unknown node "no-such-node"/);
    await expect(startSyslogForwarder(model, 'imp-pub', { destinations: [{ host: '127.0.0.1', port: 70_000 }] })).rejects.toMatchObject({ code: 'VALIDATION' });
    model.dispose();
  });

  it('setDegradation makes the SNMP agent unresponsive until cleared', async () => {
    const profile = loadProfile();
    const model = new ClusterModel(profile, { seed: 1 });
    const ep = profile.endpoints;
    const e = await startNodeProtocolEndpoints(model, 'imp-pub', {
      snmpPort: 0, soapPort: 0, community: ep.snmpCommunity, v3User: ep.snmpV3, appUser: ep.applicationUser, certDir: join(dir, 'c3'), log: () => undefined,
    });
    const get = () => run('snmpget', ['-v2c', '-c', e.snmp.community, '-t', '1', '-r', '0', `127.0.0.1:${e.snmp.port}`, '.1.3.6.1.4.1.9.9.41.1.1.3.0']);
    expect((await get()).code).toBe(0);
    e.setDegradation('snmp', { unresponsive: true });
    expect((await get()).stderr).toMatch(/Timeout/);
    e.setDegradation('snmp', undefined);
    expect((await get()).code).toBe(0);
    await e.dispose();
    model.dispose();
  });
});
