import { describe, expect, it } from 'vitest';
import { API_METHODS, isApiMethod, isEventName } from './channels.js';

describe('channel allow-list', () => {
  it('accepts every contract method and nothing inherited', () => {
    for (const [service, methods] of Object.entries(API_METHODS)) for (const m of Object.keys(methods)) expect(isApiMethod(service, m)).toBe(true);
    expect(isApiMethod('__proto__', 'toString')).toBe(false);
    expect(isApiMethod('nodes', 'constructor')).toBe(false);
    expect(isApiMethod('nodes', 'purge')).toBe(false);
    expect(isEventName('toString')).toBe(false);
    expect(isEventName('onDidChangeJob')).toBe(true);
  });
});
