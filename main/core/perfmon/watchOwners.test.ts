import { describe, expect, it } from 'vitest';
import { runAsCaller } from '../base/callerContext.js';
import { currentWatchOwner, WatchOwners } from './watchOwners.js';

describe('chart watch owners', () => {
  it('only the owner stops a watch; beyond the cap the owner\'s oldest are stopped, never someone else\'s', () => {
    const owners = new WatchOwners(3);
    expect(owners.add('session:a', 'w1')).toEqual([]);
    expect(owners.add('session:b', 'w2')).toEqual([]);
    expect(owners.add('session:a', 'w3')).toEqual([]);
    expect(owners.add('session:a', 'w4')).toEqual([]);
    // A page of session a reloaded: its fourth watch stops its own oldest.
    expect(owners.add('session:a', 'w5')).toEqual(['w1']);
    expect(owners.owns('session:a', 'w1')).toBe(false);
    expect(owners.owns('session:b', 'w3')).toBe(false);
    expect(owners.owns('session:b', 'w2')).toBe(true);
    owners.remove('w2');
    expect(owners.owns('session:b', 'w2')).toBe(false);
    expect(owners.add('session:b', 'w6')).toEqual([]);
  });

  it('the owner is the server session, else who calls from where', () => {
    expect(currentWatchOwner()).toBe('local');
    expect(runAsCaller({ operator: 'kim', role: 'viewer', source: 'server', sessionId: 's-1' }, currentWatchOwner)).toBe('session:s-1');
    expect(runAsCaller({ operator: 'root', role: 'admin', source: 'desktop' }, currentWatchOwner)).toBe('desktop:root');
  });
});
