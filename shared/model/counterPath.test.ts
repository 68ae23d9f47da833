import { describe, expect, it } from 'vitest';
import { formatCounterPath, parseCounterPath, parseLocalCounterPath, type CounterPath } from './counterPath.js';

const path = (object: string, instance: string, counter: string, host = 'imp-pub'): CounterPath => ({ host, object, instance, counter });

describe('Perfmon counter path (serviceability-reference.md B.1)', () => {
  it('formats Cisco\'s two forms', () => {
    expect(formatCounterPath(path('Processor', '_Total', '% CPU Time'))).toBe('\\\\imp-pub\\Processor(_Total)\\% CPU Time');
    expect(formatCounterPath(path('Cisco Presence Engine', '', 'ActiveJsmSessions', '10.0.0.1'))).toBe('\\\\10.0.0.1\\Cisco Presence Engine\\ActiveJsmSessions');
  });

  it.each([
    ['a plain instance', path('Processor', '_Total', '% CPU Time')],
    ['no instance', path('Memory', '', '% Mem Used')],
    ['a process instance with parentheses', path('Process', 'java (1)', 'VmRSS')],
    ['parentheses that do not balance', path('Process', 'a)b(c', 'VmRSS')],
    ['nested parentheses at the end', path('Cisco XCP JSM Session Counters', 'user@x (1) (2)', 'JsmMsgsInLastSlice')],
    ['a backslash in the instance', path('Partition', 'C:\\data\\', 'Total Mbytes')],
    ['an instance that is only parentheses', path('Thread', '()', 'Count')],
  ])('parse(format(p)) gives p back: %s', (_what, p) => {
    expect(parseCounterPath(formatCounterPath(p))).toEqual(p);
  });

  it('takes the instance from the first ( to the final ): object names have no parentheses, instances may', () => {
    expect(parseCounterPath('\\\\h\\Cisco XCP JSM Session Counters(u@x (1))\\Msgs')).toEqual(path('Cisco XCP JSM Session Counters', 'u@x (1)', 'Msgs', 'h'));
    expect(parseCounterPath('\\\\h\\Process(java(1))\\VmRSS')).toEqual(path('Process', 'java(1)', 'VmRSS', 'h'));
  });

  it.each(['nonsense', '\\\\h\\Memory', '\\\\\\Memory\\Used', '\\\\h\\\\Used', '\\\\h\\Memory\\', '\\\\h\\Processor()\\Busy', '\\\\h\\(x)\\Busy', '\\\\h\\Processor(0\\Busy', '\\\\h\\Mem\\ory\\Used', 'h\\Memory\\Used'])(
    'refuses %j',
    (text) => {
      expect(parseCounterPath(text)).toBeUndefined();
    },
  );

  it('reads the host-less form of the admin CLI, with or without the leading backslash', () => {
    expect(parseLocalCounterPath('Processor(_Total)\\% CPU Time')).toEqual({ object: 'Processor', instance: '_Total', counter: '% CPU Time' });
    expect(parseLocalCounterPath('\\Cisco Presence Engine\\ActiveJsmSessions')).toEqual({ object: 'Cisco Presence Engine', instance: '', counter: 'ActiveJsmSessions' });
    expect(parseLocalCounterPath('Processor')).toBeUndefined();
  });
});
