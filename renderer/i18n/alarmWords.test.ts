import { describe, expect, it } from 'vitest';
import { ALARM_WORDS, alarmWords, type AlarmWordKey } from './alarmWords.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('alarm sentences catalog', () => {
  it('has every sentence in both languages with the same placeholders', () => {
    expect(Object.keys(ALARM_WORDS.zh).sort()).toEqual(Object.keys(ALARM_WORDS.en).sort());
    for (const k of Object.keys(ALARM_WORDS.en) as AlarmWordKey[]) {
      expect(ALARM_WORDS.zh[k].trim(), k).not.toBe('');
      expect(placeholders(ALARM_WORDS.zh[k]), k).toEqual(placeholders(ALARM_WORDS.en[k]));
    }
  });
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(alarmWords('en', 'ServerDown', { node: 'imp-pub', duration: '3 min' })).toBe('imp-pub unreachable for 3 min');
    expect(alarmWords('zh', 'ServerDown', { node: 'imp-pub' })).toBe('imp-pub 无法访问，已持续 {duration}');
  });
});
