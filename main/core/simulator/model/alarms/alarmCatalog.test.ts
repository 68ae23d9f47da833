import { describe, expect, it } from 'vitest';
import { ALARMS } from './alarmCatalog.js';

// The description and recommended action travel in syslog lines and SNMP traps: a real node sends plain text,
// so citations of the guide belong in code comments only (issue 10, "Citations belong in code comments").
describe('alarm catalogue on the wire', () => {
  it.each(ALARMS.map((a) => [a.name, a] as const))('%s carries plain text, no citation', (_name, alarm) => {
    for (const text of [alarm.description, alarm.recommendedAction]) {
      expect(text.trim()).not.toBe('');
      expect(text).not.toMatch(/guide|seed-inventory|\bL\d{2,}/);
    }
  });
});
