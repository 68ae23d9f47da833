import { describe, expect, it } from 'vitest';
import { parseServerArgs } from './serverArgs.js';
import { parseServerConfig } from './serverConfig.js';

describe('server config', () => {
  it('reads every field, paths against the config folder and seconds as given', () => {
    const c = parseServerConfig(
      {
        listen: '0.0.0.0:8443',
        tls: { certFile: 'tls/cert.pem', keyFile: '/etc/imp/key.pem' },
        dataDir: 'data',
        publicHosts: ['noc.example.com', 'noc.example.com:443', '[::1]:8443'],
        sessions: { idleTimeoutSec: 2, maxAgeSec: 3600 },
        lockout: { maxFailures: 5, lockSec: 900 },
        embeddedSimulator: { enabled: true, basePort: 0, scenario: null },
        metrics: { listen: '127.0.0.1:9464' },
      },
      'cfg',
      '/srv/imp',
    );
    expect(c.listen).toEqual({ host: '0.0.0.0', port: 8443 });
    expect(c.tls).toEqual({ certFile: '/srv/imp/tls/cert.pem', keyFile: '/etc/imp/key.pem' });
    expect(c.dataDir).toBe('/srv/imp/data');
    expect(c.metrics?.listen).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(c.sessions).toEqual({ idleTimeoutSec: 2, maxAgeSec: 3600 });
    expect(c.embeddedSimulator?.scenario).toBeNull();
  });

  it('names every bad field (unknown keys too)', () => {
    let message = '';
    try {
      parseServerConfig({ listen: 'somewhere', tls: { certFile: 'a' }, sessions: { idleTimeoutSec: 0 }, publicHosts: ['evil/host'], extra: 1 }, 'the server config x.json', '/');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^the server config x\.json is not a valid server config:/);
    expect(message).toMatch(/- listen: listen must be ADDR:PORT/);
    expect(message).toMatch(/- tls\.keyFile:/);
    expect(message).toMatch(/- sessions\.idleTimeoutSec: must be at least 1/);
    expect(message).toMatch(/- publicHosts\.0: must be a host name/);
    expect(message).toMatch(/extra/);
  });
});

describe('server command line', () => {
  it('parses --listen, --data-dir (against INIT_CWD) and --config', () => {
    const r = parseServerArgs(['--listen', '[::1]:9000', '--data-dir', 'd', '--config=c.json'], { INIT_CWD: '/home/op' });
    expect(r).toEqual({ kind: 'ok', args: { listen: { host: '::1', port: 9000 }, dataDir: '/home/op/d', configPath: '/home/op/c.json' } });
  });

  it('answers bad usage with the message and the usage, and --help with the text', () => {
    const bad = parseServerArgs(['--listen', 'nowhere']);
    expect(bad.kind).toBe('usage');
    if (bad.kind === 'usage') {
      expect(bad.message).toMatch(/--listen must be ADDR:PORT/);
      expect(bad.usage).toMatch(/--data-dir <DIR>/);
    }
    expect(parseServerArgs(['--bogus']).kind).toBe('usage');
    expect(parseServerArgs(['extra']).kind).toBe('usage');
    const help = parseServerArgs(['--help']);
    expect(help.kind).toBe('help');
  });
});
