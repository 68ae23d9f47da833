/**
 * WCAG AA contrast of both themes, read from renderer/app/styles.css itself (its custom properties), so a palette change that
 * makes text unreadable fails here: every text color against every background it is drawn on (4.5:1), text on
 * accent and "bad" fills (4.5:1), the focus ring (3:1, a UI component), and every severity chip's text (4.5:1).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALERT_SEVERITIES } from '../../shared/model/alert.js';
import { AA_LARGE, AA_TEXT, contrastRatio } from '../../renderer/components/contrast.js';
import { SEVERITY_COLORS, severityTextOn } from '../../renderer/components/severityScale.js';

// Read as a file: Vitest turns CSS imports (even `?raw`) into empty modules.
const css = readFileSync(new URL('../../renderer/app/styles.css', import.meta.url), 'utf8');

/** The custom properties of the first rule whose selector list contains `selector`. */
function themeVars(selector: string): Record<string, string> {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const rule = [...text.matchAll(/([^{}]+)\{([^}]*)\}/g)].find((m) => m[1]!.split(',').some((s) => s.trim() === selector));
  if (!rule) throw new Error(`no rule for ${selector} in styles.css`);
  return Object.fromEntries([...rule[2]!.matchAll(/--([\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

const THEMES = { dark: themeVars("[data-theme='dark']"), light: themeVars("[data-theme='light']") };
const BACKGROUNDS = ['bg', 'panel', 'panel-2'];
const TEXT = ['text', 'muted', 'accent', 'ok', 'warn', 'bad', 'transition', ...ALERT_SEVERITIES.map((s) => `sev-text-${s}`)];

describe('theme palettes (WCAG AA)', () => {
  it('define the same custom properties in both themes', () => {
    expect(Object.keys(THEMES.light).sort()).toEqual(Object.keys(THEMES.dark).sort());
    for (const name of [...BACKGROUNDS, ...TEXT, 'focus', 'on-accent', 'on-bad']) expect(THEMES.dark[name], name).toMatch(/^#[0-9a-f]{3,6}$/i);
  });
  for (const [theme, vars] of Object.entries(THEMES)) {
    it(`${theme}: every text color reads on every background at 4.5:1`, () => {
      const failures: string[] = [];
      for (const fg of TEXT)
        for (const bg of BACKGROUNDS) {
          const ratio = contrastRatio(vars[fg]!, vars[bg]!);
          if (ratio < AA_TEXT) failures.push(`--${fg} ${vars[fg]} on --${bg} ${vars[bg]}: ${ratio.toFixed(2)}:1`);
        }
      expect(failures).toEqual([]);
    });
    it(`${theme}: text on accent and "bad" fills reads at 4.5:1, the focus ring shows at 3:1`, () => {
      expect(contrastRatio(vars['on-accent']!, vars.accent!)).toBeGreaterThanOrEqual(AA_TEXT);
      expect(contrastRatio(vars['on-bad']!, vars.bad!)).toBeGreaterThanOrEqual(AA_TEXT);
      for (const bg of BACKGROUNDS) expect(contrastRatio(vars.focus!, vars[bg]!), bg).toBeGreaterThanOrEqual(AA_LARGE);
    });
  }
  it('the amber of the light theme is no longer the 1.74:1 one', () => {
    expect(contrastRatio(THEMES.light.warn!, THEMES.light['panel-2']!)).toBeGreaterThan(4.5);
  });
  it.each(ALERT_SEVERITIES)('the %s chip\u2019s text reads at 4.5:1', (s) => {
    expect(contrastRatio(severityTextOn(s), SEVERITY_COLORS[s])).toBeGreaterThanOrEqual(AA_TEXT);
  });
});

describe('contrast ratio', () => {
  it('matches WCAG reference values', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#fff')).toBe(1);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#f9a825', '#eef1f5')).toBeCloseTo(1.74, 2);
  });
});
