import { describe, expect, it } from 'vitest';
import { translate, type Locale } from '../i18n/messages.js';
import { clusterBaseName, clusterLabel } from './clusterLabel.js';

const tOf = (locale: Locale) => (key: Parameters<typeof translate>[1], params?: Readonly<Record<string, string | number>>) => translate(locale, key, params);

describe('clusterLabel', () => {
  it('shows the simulated marker in the UI language', () => {
    const sim = { name: 'imp-cluster (simulated)', simulated: true };
    expect(clusterLabel(sim, tOf('en'))).toBe('imp-cluster (simulated)');
    expect(clusterLabel(sim, tOf('zh'))).toBe('imp-cluster（模拟）');
    expect(clusterBaseName(sim)).toBe('imp-cluster');
  });
  it('leaves a real cluster\u2019s name alone, even one ending in the marker', () => {
    const real = { name: 'Lab (simulated)', simulated: false };
    expect(clusterLabel(real, tOf('zh'))).toBe('Lab (simulated)');
    expect(clusterBaseName(real)).toBe('Lab (simulated)');
  });
});
