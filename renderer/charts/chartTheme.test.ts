import { describe, expect, it } from 'vitest';
import { PANEL_BACKGROUND, SERIES_COLORS_DARK, SERIES_COLORS_LIGHT, seriesColor, timeTicks } from './chartTheme.js';

/** WCAG 2 relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('chart colors', () => {
  it.each([
    ['dark', SERIES_COLORS_DARK],
    ['light', SERIES_COLORS_LIGHT],
  ] as const)('every %s-theme series color is at least 3:1 against its panel (WCAG 1.4.11)', (theme, palette) => {
    for (const color of palette) expect(contrast(color, PANEL_BACKGROUND[theme]), `${color} on ${theme}`).toBeGreaterThanOrEqual(3);
  });

  it('picks the palette of the theme', () => {
    expect(seriesColor(0, 'light')).toBe(SERIES_COLORS_LIGHT[0]);
    expect(seriesColor(11, 'dark')).toBe(SERIES_COLORS_DARK[1]);
  });
});

describe('time ticks', () => {
  it('spreads ticks over the whole range on round times', () => {
    const from = Date.UTC(2026, 0, 1, 10, 3, 17);
    const ticks = timeTicks(from, from + 600_000);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(ticks.length).toBeLessThanOrEqual(6);
    expect(ticks.every((t) => t % 120_000 === 0 && t >= from && t <= from + 600_000)).toBe(true);
    expect(timeTicks(from, from + 86_400_000).every((t) => t % 3_600_000 === 0)).toBe(true);
    expect(timeTicks(from, from)).toEqual([]);
  });
});
