import { describe, expect, it } from 'vitest';
import { resolveBackupServer, SIM_BACKUP_SERVER_NAME } from './simCluster.js';

describe('resolveBackupServer', () => {
  const backup = { host: '127.0.10.10', port: 40123 };
  it('maps only the simulated backup server name or address to it', () => {
    expect(resolveBackupServer(SIM_BACKUP_SERVER_NAME, backup)).toEqual(backup);
    expect(resolveBackupServer('127.0.10.10', backup)).toEqual(backup);
    expect(resolveBackupServer('127.0.10.10:40123', backup)).toEqual(backup);
  });
  it('leaves every other host[:port] to a direct connection', () => {
    expect(resolveBackupServer('127.0.0.1:2222', backup)).toBeUndefined();
    expect(resolveBackupServer('127.0.10.10:22', backup)).toBeUndefined();
    expect(resolveBackupServer('backup.example.com', backup)).toBeUndefined();
    expect(resolveBackupServer('backup-server', undefined)).toBeUndefined();
  });
});
