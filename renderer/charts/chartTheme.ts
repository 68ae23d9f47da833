/** Series colors and axis styling of the charts, one palette per theme. */

/** Series palette on the dark theme (light tones; each ≥ 3:1 against the dark panel, WCAG 1.4.11 graphics). */
export const SERIES_COLORS_DARK = ['#4fc3f7', '#ffb74d', '#81c784', '#e57373', '#ba68c8', '#fff176', '#4db6ac', '#f06292', '#a1887f', '#90a4ae'] as const;
/**
 * Series palette on the light theme: the same hues, dark enough to read on white (the dark palette's light blue and
 * yellow measure below 2:1 there). Each ≥ 3:1 against the light panel.
 */
export const SERIES_COLORS_LIGHT = ['#0277bd', '#c25e00', '#2e7d32', '#c62828', '#7b1fa2', '#8d6e00', '#00796b', '#ad1457', '#6d4c41', '#546e7a'] as const;
/** Kept for callers of the single palette: the dark one. */
export const SERIES_COLORS = SERIES_COLORS_DARK;
/** The panel backgrounds the palettes are drawn on (renderer/app/styles.css --panel). */
export const PANEL_BACKGROUND = { dark: '#161b24', light: '#ffffff' } as const;

/** Returns the color of the i-th series on a theme. */
export function seriesColor(index: number, theme: 'dark' | 'light' = 'dark'): string {
  const palette = theme === 'light' ? SERIES_COLORS_LIGHT : SERIES_COLORS_DARK;
  return palette[index % palette.length] ?? palette[0];
}

/** Axis and grid colors read from the theme's CSS variables. */
export const AXIS_STYLE = { stroke: 'var(--muted)', fontSize: 12 } as const;
/** Grid line color. */
export const GRID_COLOR = 'var(--grid)';

/** Up to `count` evenly spaced time ticks inside [fromMs, toMs], on whole seconds/minutes/hours as the span allows. */
export function timeTicks(fromMs: number, toMs: number, count = 6): number[] {
  const span = toMs - fromMs;
  if (!(span > 0) || count < 1) return [];
  const steps = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400].map((s) => s * 1000);
  const step = steps.find((s) => span / s <= count) ?? Math.ceil(span / count / 86_400_000) * 86_400_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(fromMs / step) * step; t <= toMs; t += step) ticks.push(t);
  return ticks;
}
