import { describe, expect, it } from 'vitest';
import { renderHaRecoverOutput, renderHaStatus } from './haStatusRenderer.js';

// The samples of serviceability-reference.md D.4.

describe('renderHaStatus', () => {
  it('prints HA not enabled as the CLI sample does', () => {
    expect(renderHaStatus('DefaultCluster', [
      { node: 'kal-cup1', state: 'unknown', reason: 'highAvailabilityNotEnabled' },
      { node: 'shorty-cups', state: 'unknown', reason: 'highAvailabilityNotEnabled' },
    ])).toBe(
      'Subcluster Name: DefaultCluster\n' +
        'Node 1 Name : kal-cup1 State: Unknown Reason: High Availability Not Enabled\n' +
        'Node 2 Name : shorty-cups State: Unknown Reason: High Availability Not Enabled\n',
    );
  });

  it('omits the reason of Normal nodes', () => {
    expect(renderHaStatus('DefaultCluster', [
      { node: 'kal-cup1', state: 'normal', reason: 'normal' },
      { node: 'shorty-cups', state: 'normal', reason: 'normal' },
    ])).toBe('Subcluster Name: DefaultCluster\nNode 1 Name : kal-cup1 State: Normal\nNode 2 Name : shorty-cups State: Normal\n');
  });

  it('prints a failover on one line per node', () => {
    expect(renderHaStatus('DefaultCluster', [
      { node: 'kal-cup1', state: 'failedOverCriticalServicesNotRunning', reason: 'criticalServiceDown' },
      { node: 'shorty-cups', state: 'runningInBackupMode', reason: 'criticalServiceDown' },
    ])).toBe(
      'Subcluster Name: DefaultCluster\n' +
        'Node 1 Name : kal-cup1 State: Failed Over with Critical Services not Running Reason: Critical Service Down\n' +
        'Node 2 Name : shorty-cups State: Running in Backup Mode Reason: Critical Service Down\n',
    );
  });

  it('prints the recover output', () => {
    expect(renderHaRecoverOutput()).toBe('Stopping services... Stopped\nStarting services... Started\n');
  });
});
