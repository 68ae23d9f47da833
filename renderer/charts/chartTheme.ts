/** Series colors and axis styling of the charts; colors read well on the dark and the light theme. */

/** Series palette (Okabe-Ito inspired, distinguishable for color-blind viewers). */
export const SERIES_COLORS = ['#4fc3f7', '#ffb74d', '#81c784', '#e57373', '#ba68c8', '#fff176', '#4db6ac', '#f06292', '#a1887f', '#90a4ae'] as const;

/** Returns the color of the i-th series. */
export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length] ?? '#4fc3f7';
}

/** Axis and grid colors read from the theme's CSS variables. */
export const AXIS_STYLE = { stroke: 'var(--muted)', fontSize: 12 } as const;
/** Grid line color. */
export const GRID_COLOR = 'var(--grid)';
