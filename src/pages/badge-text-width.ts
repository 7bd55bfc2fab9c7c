// Advance widths in pixels of Verdana at 11px, the font of shields.io badges, for ' ' (U+0020) to '~'
// (U+007E) in code point order; approximate, after shields' anafanafo tables.
const ASCII_WIDTHS: readonly number[] = [
  3.87, 4.33, 5.05, 9, 6.99, 11.84, 7.99, 2.95, 4.99, 4.99, 6.99, 9, 4, 4.99, 4, 4.99, 6.99, 6.99, 6.99, 6.99,
  6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 4.99, 4.99, 9, 9, 9, 5.99, 11, 7.52, 7.54, 7.68, 8.48, 6.96, 6.32, 8.53,
  8.27, 4.63, 5, 7.62, 6.12, 9.27, 8.23, 8.66, 6.63, 8.66, 7.64, 7.52, 6.78, 8.05, 7.52, 10.88, 7.54, 6.77,
  7.54, 4.99, 4.99, 4.99, 9, 6.99, 6.99, 6.61, 6.85, 5.73, 6.85, 6.55, 3.87, 6.85, 6.96, 3.02, 3.79, 6.51,
  3.02, 10.7, 6.96, 6.68, 6.85, 6.85, 4.69, 5.73, 4.33, 6.96, 6.51, 8.98, 6.51, 6.51, 5.78, 6.98, 4.99, 6.98,
  9,
];
const FIRST_ASCII = 0x20;
const FALLBACK_WIDTH = 7;
// Full-width scripts (CJK, Hangul, full-width forms) and emoji take about a full em.
const WIDE_RE =
  /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u;
const WIDE_WIDTH = 11;

/** Approximate rendered width of `text` in pixels, in 11px Verdana. */
export function badgeTextWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < FIRST_ASCII) continue;
    width += ASCII_WIDTHS[code - FIRST_ASCII] ?? (WIDE_RE.test(char) ? WIDE_WIDTH : FALLBACK_WIDTH);
  }
  return width;
}
