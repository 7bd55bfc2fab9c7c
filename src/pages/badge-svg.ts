import { STATUS_LABELS, type ComponentStatus } from '../domain/component-status.js';
import type { PageData } from '../domain/page-data.js';
import { rollUpIndicator, type PageIndicator } from '../domain/page-indicator.js';
import { badgeTextWidth } from './badge-text-width.js';
import { escapeXml } from './escape-xml.js';

export interface BadgeOptions {
  readonly label: string;
  readonly message: string;
  /** Fill of the message half: a CSS colour, `#rgb` or `#rrggbb` for the text contrast to adapt. */
  readonly color: string;
}

export const LABEL_COLOR = '#555';

export const INDICATOR_BADGE_COLORS: Readonly<Record<PageIndicator, string>> = {
  none: '#4c1',
  minor: '#dfb317',
  major: '#fe7d37',
  critical: '#e05d44',
  maintenance: '#007ec6',
};

export const STATUS_BADGE_COLORS: Readonly<Record<ComponentStatus, string>> = {
  operational: INDICATOR_BADGE_COLORS.none,
  degraded_performance: INDICATOR_BADGE_COLORS.minor,
  partial_outage: INDICATOR_BADGE_COLORS.major,
  major_outage: INDICATOR_BADGE_COLORS.critical,
  under_maintenance: INDICATOR_BADGE_COLORS.maintenance,
};

const HORIZONTAL_PADDING = 5;
const HEIGHT = 20;
// Text is drawn at 10x and scaled down, as shields.io does, for sub-pixel positioning.
const SCALE = 10;

const BADGE_COLORS: Readonly<Record<ComponentStatus | PageIndicator, string>> = {
  ...INDICATOR_BADGE_COLORS,
  ...STATUS_BADGE_COLORS,
};

/** The badge colour of a component status or a page indicator (their names do not overlap). */
export function badgeColor(state: ComponentStatus | PageIndicator): string {
  return BADGE_COLORS[state];
}

/** The page-wide badge, e.g. "status | all systems operational", served at `/badge.svg`. */
export function buildPageBadge(data: PageData): string {
  const leaves = data.components
    .filter((component) => !component.isGroup)
    .map((component) => component.status);
  const { indicator, description } = rollUpIndicator(leaves);
  return buildBadgeSvg({ label: 'status', message: description.toLowerCase(), color: badgeColor(indicator) });
}

/** One component's badge; pass a group's rolled-up status, not its stored one. */
export function buildComponentBadge(name: string, status: ComponentStatus): string {
  return buildBadgeSvg({
    label: name,
    message: STATUS_LABELS[status].toLowerCase(),
    color: badgeColor(status),
  });
}

/** A shields.io-style flat badge: a grey label half and a coloured message half. */
export function buildBadgeSvg(options: BadgeOptions): string {
  const labelWidth = roundUpToOdd(badgeTextWidth(options.label));
  const messageWidth = roundUpToOdd(badgeTextWidth(options.message));
  const leftWidth = labelWidth + 2 * HORIZONTAL_PADDING;
  const rightWidth = messageWidth + 2 * HORIZONTAL_PADDING;
  const width = leftWidth + rightWidth;
  const title = escapeXml(`${options.label}: ${options.message}`);
  const color = escapeXml(options.color);
  const [textColor, shadowColor] = isBright(options.color) ? ['#333', '#ccc'] : ['#fff', '#010101'];
  const text = (content: string, centerX: number, textWidth: number, fill: string): string => {
    const x = SCALE * centerX;
    const length = SCALE * textWidth;
    const escaped = escapeXml(content);
    return (
      `<text aria-hidden="true" x="${x}" y="150" fill="${shadowColor}" fill-opacity=".3" transform="scale(.1)" textLength="${length}">${escaped}</text>` +
      `<text x="${x}" y="140" transform="scale(.1)" fill="${fill}" textLength="${length}">${escaped}</text>`
    );
  };
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>',
    `<clipPath id="r"><rect width="${width}" height="${HEIGHT}" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${leftWidth}" height="${HEIGHT}" fill="${LABEL_COLOR}"/>` +
      `<rect x="${leftWidth}" width="${rightWidth}" height="${HEIGHT}" fill="${color}"/>` +
      `<rect width="${width}" height="${HEIGHT}" fill="url(#s)"/></g>`,
    '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="110">',
    text(options.label, HORIZONTAL_PADDING + labelWidth / 2, labelWidth, '#fff'),
    text(options.message, leftWidth + HORIZONTAL_PADDING + messageWidth / 2, messageWidth, textColor),
    '</g></svg>',
  ].join('');
}

// Odd widths centre the text on a whole pixel, as shields.io does.
function roundUpToOdd(width: number): number {
  const whole = Math.trunc(width);
  return whole % 2 === 0 ? whole + 1 : whole;
}

// shields.io's rule: dark text on backgrounds brighter than 0.69 (YIQ), white text otherwise.
function isBright(color: string): boolean {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color)?.[1];
  if (hex === undefined) return false;
  const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex;
  const [r, g, b] = [0, 2, 4].map((start) => parseInt(full.slice(start, start + 2), 16));
  return ((r ?? 0) * 299 + (g ?? 0) * 587 + (b ?? 0) * 114) / 255_000 > 0.69;
}
