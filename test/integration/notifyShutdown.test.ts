// Issue 15: "nothing is sent twice". A notification in flight when the backend closes (the SMTP server has the mail
// and has not answered yet) is waited for and logged before history.db closes, so the next start does not send it
// again. The backend's notification slice as createBackend builds it (history.db, the alert engine, the credential
// store, createNotificationParts) and a real SMTP server (smtp-server) that holds its answer to DATA until told.
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceStatusRow } from '../../shared/model/cluster.js';
import { FakeAlertScheduler } from '../kits/fakeAlertScheduler.js';
import { until } from '../helpers/until.js';
import { bootNotificationSlice } from './notificationSlice.js';

const dir = mkdtempSync(join(tmpdir(), 'imp-notify-shutdown-'));
const subjects: string[] = [];
/** Answers of DATA the server holds back (called to accept the mail). */
const held: Array<() => void> = [];
let holdNext = true;
const smtp = new SMTPServer({
  secure: false,
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  onData(stream, _session, cb) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      subjects.push(/^Subject: (.*)$/m.exec(Buffer.concat(chunks).toString('utf8'))?.[1] ?? '');
      if (holdNext) held.push(() => cb());
      else cb();
    });
  },
});

beforeAll(async () => {
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
});

afterAll(async () => {
  for (const release of held.splice(0)) release();
  await new Promise<void>((r) => smtp.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

const clock = new FakeAlertScheduler(Date.now());
const rows = (stopped: boolean): ServiceStatusRow[] => [{ cluster: 'c1', node: 'imp-pub', name: 'Cisco XCP Router', activated: true, status: stopped ? 'Stopped' : 'Started' }];

/** One backend lifetime: the database, the engine on it, the credential store and the notification parts. */
const boot = () => bootNotificationSlice(dir, clock);

describe('notifications at shutdown (smtp-server)', () => {
  it('a mail in flight when the backend closes is logged, and the next start does not send it again', async () => {
    const first = await boot();
    await first.parts.service.save({
      smtp: { host: '127.0.0.1', port: (smtp.server.address() as AddressInfo).port, secure: false, requireTLS: false, allowSelfSigned: false, from: 'imp-monitor@example.com' },
      alertActions: [{ id: 'Default', recipients: [{ address: 'noc@example.com', enabled: true }] }],
      groupWaitSeconds: 0, groupIntervalSeconds: 0, repeatIntervalSeconds: 3600,
    });
    first.alerts.updateServiceStatus(rows(true));
    first.alerts.evaluate();
    clock.advance(0);
    await until('the mail at the SMTP server, its answer held', async () => (held.length === 1 ? true : undefined));
    // The backend closes while the server has not answered; the answer comes during the close.
    const closing = first.close();
    holdNext = false;
    held.shift()!();
    await closing;

    const second = await boot();
    try {
      expect((await second.parts.service.log(10)).map((e) => [e.notifier, e.reason, e.ok])).toEqual([['email', 'new', true]]);
      second.alerts.updateServiceStatus(rows(true));
      second.alerts.evaluate();
      clock.advance(0);
      clock.advance(60_000);
      // A send the steps started would be in flight now: wait for its answer before counting.
      await second.parts.current()!.pipeline.settled();
      expect(subjects).toHaveLength(1);
    } finally {
      await second.close();
    }
  }, 60_000);

  it('a save that ends as the backend closes is written but builds no pipeline that would outlive the backend', async () => {
    const first = await boot();
    const saving = first.parts.service.save({
      smtp: { host: '127.0.0.1', port: (smtp.server.address() as AddressInfo).port, secure: false, requireTLS: false, allowSelfSigned: false, from: 'imp-monitor@example.com' },
      alertActions: [{ id: 'Ops', recipients: [{ address: 'ops@example.com', enabled: true }] }],
      groupWaitSeconds: 0, groupIntervalSeconds: 0, repeatIntervalSeconds: 7200,
    });
    await first.close();
    expect((await saving).active).toEqual({ notifiers: [], error: 'the app is stopping' });
    expect(first.parts.current()).toBeUndefined();
    // Written: the next start runs it.
    const second = await boot();
    try {
      expect(second.parts.current()?.notifiers).toEqual(['email']);
      expect((await second.parts.service.settings()).alertActions.map((a) => a.id)).toEqual(['Ops']);
    } finally {
      await second.close();
    }
  }, 60_000);
});
