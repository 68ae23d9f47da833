import { describe, expect, it } from 'vitest';
import { KNOWN_ALARMS } from '../../../../../shared/alarms/knownAlarms.js';
import { ALARMS, alarmDefinition } from './alarmCatalog.js';

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

// The alarms the guide names are one table (shared/alarms), read by the monitor's syslog viewer too: the
// simulated nodes raise each of them with that definition and action, so both sides say the same.
describe('alarm catalogue and the shared guide table', () => {
  it.each(Object.values(KNOWN_ALARMS).map((a) => [a.name, a] as const))('%s is raised with the shared definition', (name, known) => {
    const def = alarmDefinition(name);
    expect(def.description).toBe(known.description);
    expect(def.recommendedAction).toBe(known.recommendedAction);
  });
});
