// Issue 15, the embedded simulated cluster's switch: switched on while the app stops, the start under way ends
// first and is stopped with the rest (no simulated cluster left listening after the backend's store is disposed:
// the leak check of test/integration would name its sockets); a switch asked for once the app stops is refused.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createClusterParts } from '../../main/core/backend/clusterParts.js';
import { AsyncDisposableStore } from '../../main/core/base/disposable.js';
import { Collector } from '../../main/core/collector/collector.js';
import { FileCredentialStore } from '../../main/core/credentials/fileCredentialStore.js';
import { PinnedTrustStore } from '../../main/core/credentials/pinnedTrustStore.js';
import { until } from '../helpers/until.js';

const dir = mkdtempSync(join(tmpdir(), 'clusters-embedded-switch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('embedded simulated cluster switch', () => {
  const open = async (stateDir: string) => {
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    // Saved off, so the parts start without it.
    writeFileSync(join(stateDir, 'clusters.json'), JSON.stringify({ version: 1, embeddedEnabled: false, clusters: [] }), { mode: 0o600 });
    const store = new AsyncDisposableStore();
    const collector = store.add(await Collector.create());
    const credentials = await FileCredentialStore.open({ keyPath: join(stateDir, 'credentials.key'), storePath: join(stateDir, 'credentials.json') });
    const trust = await PinnedTrustStore.open(join(stateDir, 'trust.json'));
    const parts = await createClusterParts({ stateDir, collector, alerts: { setNodeFact: () => undefined, forgetNodeFacts: () => undefined }, credentials, trust, store, embedded: { available: true, scenario: null, speed: 1, basePort: 0 } });
    expect(await parts.service.embedded()).toEqual({ enabled: false, running: false });
    return { store, collector, parts };
  };

  it('switched on and the app stops at once: the switch is refused or done, then stopped; never left running', async () => {
    const { store, collector, parts } = await open(dir);
    const switching = parts.service.setEmbedded(true);
    const stopping = store.dispose();
    await Promise.allSettled([switching]);
    await stopping;
    expect(parts.embedded()).toBeUndefined();
    expect(collector.clusters()).toEqual([]);
    await expect(parts.service.setEmbedded(true)).rejects.toMatchObject({ code: 'PRECONDITION' });
    expect(parts.embedded()).toBeUndefined();
  }, 60_000);

  it('the app stops while the simulated cluster is starting: the start ends first and is stopped with the app', async () => {
    const stateDir = join(dir, 'starting');
    const { store, parts } = await open(stateDir);
    const switching = parts.service.setEmbedded(true);
    // The switch is saved: the simulated cluster is being started now.
    await until('the switch saved', () => (JSON.parse(readFileSync(join(stateDir, 'clusters.json'), 'utf8')).embeddedEnabled === true ? true : undefined), 10_000, 5);
    await store.dispose();
    expect(await switching).toMatchObject({ enabled: true });
    expect(parts.embedded()).toBeUndefined();
  }, 60_000);
});
