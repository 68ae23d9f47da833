/**
 * WCAG 2.x contrast of two sRGB colors (relative luminance, ratio 1..21), for the palette test and for choosing
 * a readable text color on a colored chip. Pure: hex colors only (#rgb or #rrggbb).
 */

/** WCAG AA minimum for body text. */
export const AA_TEXT = 4.5;
/** WCAG AA minimum for large text (18.66 px bold / 24 px) and for UI components and graphics. */
export const AA_LARGE = 3;

/** Parses #rgb or #rrggbb into [r, g, b] 0..255; throws on anything else. */
export function parseHex(color: string): [number, number, number] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) throw new Error(`not a hex color: ${color}`);
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

/** Relative luminance (WCAG 2.x definition). */
export function luminance(color: string): number {
  const [r, g, b] = parseHex(color).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of two colors, 1..21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Near-black or white, whichever reads better on `background`. */
export function readableTextOn(background: string): string {
  return contrastRatio('#111111', background) >= contrastRatio('#ffffff', background) ? '#111111' : '#ffffff';
}
