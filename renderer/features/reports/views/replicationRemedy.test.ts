import { describe, expect, it } from 'vitest';
import { MESSAGES_EN, MESSAGES_ZH } from '../../../i18n/messages.js';
import { remedyActs, remedyKeys, remedyTone, type ReplicationRemedy } from './replicationRemedy.js';

const REMEDIES: readonly ReplicationRemedy[] = ['none', 'reset', 'rebuild', 'unknown'];

describe('replication remedy in the UI', () => {
  it('every remedy has its chip and words in English and Chinese', () => {
    for (const r of REMEDIES) {
      const k = remedyKeys(r);
      for (const key of [k.chip, k.text]) {
        expect(MESSAGES_EN[key], `${key} (en)`).toBeTruthy();
        expect(MESSAGES_ZH[key], `${key} (zh)`).toBeTruthy();
      }
    }
  });

  it('unknown: grey, not a recommendation, and says the replication state could not be read', () => {
    expect(remedyTone('unknown')).toBe('idle');
    expect(remedyTone('none')).toBe('ok');
    expect(remedyActs('unknown')).toBe(false);
    expect(remedyActs('reset')).toBe(true);
    expect(MESSAGES_EN[remedyKeys('unknown').text]).toMatch(/^Not known: the replication state could not be read/);
    expect(MESSAGES_ZH[remedyKeys('unknown').text]).toMatch(/^未知：无法读取复制状态/);
  });
});
