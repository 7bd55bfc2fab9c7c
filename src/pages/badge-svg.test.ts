import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Component } from '../domain/component.js';
import { COMPONENT_STATUSES, type ComponentStatus } from '../domain/component-status.js';
import { INDICATORS } from '../domain/page-indicator.js';
import { badgeTextWidth } from './badge-text-width.js';
import { badgeColor, buildBadgeSvg, buildComponentBadge, buildPageBadge } from './badge-svg.js';
import { page } from './feeds.fixtures.js';

interface SvgRect {
  readonly '@_width': string;
  readonly '@_x'?: string;
  readonly '@_fill': string;
}

interface SvgText {
  readonly '#text': string;
  readonly '@_fill': string;
  readonly '@_aria-hidden'?: string;
}

interface SvgDocument {
  readonly svg: {
    readonly '@_width': string;
    readonly '@_role': string;
    readonly '@_aria-label': string;
    readonly title: string;
    readonly g: readonly [{ readonly rect: readonly SvgRect[] }, { readonly text: readonly SvgText[] }];
  };
}

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, parseAttributeValue: false });

function parseSvg(svg: string): SvgDocument['svg'] {
  expect(XMLValidator.validate(svg)).toBe(true);
  return (parser.parse(svg) as SvgDocument).svg;
}

/** The label and message fills and texts, and the total width. */
function describeBadge(svg: string): { width: number; fills: string[]; texts: string[] } {
  const doc = parseSvg(svg);
  const [shapes, texts] = doc.g;
  return {
    width: Number(doc['@_width']),
    fills: shapes.rect.map((rect) => rect['@_fill']),
    texts: texts.text.filter((text) => text['@_aria-hidden'] === undefined).map((text) => text['#text']),
  };
}

function component(status: ComponentStatus, overrides: Partial<Component> = {}): Component {
  return {
    id: `c-${status}`,
    pageId: 'beaconpage01',
    key: status,
    groupId: null,
    isGroup: false,
    name: status,
    description: null,
    position: 1,
    status,
    showcase: false,
    onlyShowIfDegraded: false,
    startDate: null,
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  };
}

describe('buildBadgeSvg', () => {
  it('draws a grey label and a coloured message with a title and an accessible name', () => {
    const svg = buildBadgeSvg({ label: 'status', message: 'all systems operational', color: '#4c1' });
    const doc = parseSvg(svg);

    expect(doc['@_role']).toBe('img');
    expect(doc['@_aria-label']).toBe('status: all systems operational');
    expect(doc.title).toBe('status: all systems operational');
    expect(describeBadge(svg)).toMatchObject({
      fills: ['#555', '#4c1', 'url(#s)'],
      texts: ['status', 'all systems operational'],
    });
  });

  it('makes the rects add up to the badge width, each wide enough for its text', () => {
    const label = 'Chatbot engine';
    const message = 'partial outage';
    const doc = parseSvg(buildBadgeSvg({ label, message, color: '#fe7d37' }));
    const [left, right] = doc.g[0].rect;
    const width = Number(doc['@_width']);

    expect(Number(left?.['@_width']) + Number(right?.['@_width'])).toBe(width);
    expect(Number(right?.['@_x'])).toBe(Number(left?.['@_width']));
    expect(Number(left?.['@_width'])).toBeGreaterThanOrEqual(badgeTextWidth(label) + 10);
    expect(Number(right?.['@_width'])).toBeGreaterThanOrEqual(badgeTextWidth(message) + 10);
  });

  it('grows with the text', () => {
    const width = (message: string): number =>
      describeBadge(buildBadgeSvg({ label: 'api', message, color: '#4c1' })).width;

    expect(width('up')).toBeLessThan(width('operational'));
    expect(width('operational')).toBeLessThan(width('operational and then some'));
    expect(width('iii')).toBeLessThan(width('WWW'));
  });

  it('escapes markup and quotes in the label, message and colour', () => {
    const svg = buildBadgeSvg({
      label: `<script>&"'`,
      message: '"><svg onload=alert(1)>',
      color: 'red" onload="x',
    });
    const badge = describeBadge(svg);

    expect(svg).not.toContain('<script');
    expect(svg.match(/<svg/g)).toHaveLength(1);
    expect(svg).not.toMatch(/\son\w+="/);
    expect(badge.texts).toEqual([`<script>&"'`, '"><svg onload=alert(1)>']);
    expect(badge.fills[1]).toBe('red" onload="x');
  });

  it('uses dark text on a bright colour and white text otherwise', () => {
    const messageFill = (color: string): string | undefined =>
      parseSvg(buildBadgeSvg({ label: 'a', message: 'b', color })).g[1].text[3]?.['@_fill'];

    expect(messageFill('#fff')).toBe('#333');
    expect(messageFill('#e05d44')).toBe('#fff');
    expect(messageFill('teal')).toBe('#fff');
  });
});

describe('badgeTextWidth', () => {
  it('measures ASCII from the table and other characters with a fallback', () => {
    expect(badgeTextWidth('')).toBe(0);
    expect(badgeTextWidth('0')).toBeCloseTo(6.99);
    expect(badgeTextWidth('é')).toBe(7);
    expect(badgeTextWidth('状态')).toBe(22);
    expect(badgeTextWidth('🍉')).toBe(11);
  });
});

describe('badgeColor', () => {
  it('maps every status and indicator to the shields colour of its severity', () => {
    expect(COMPONENT_STATUSES.map(badgeColor)).toEqual(['#4c1', '#dfb317', '#fe7d37', '#e05d44', '#007ec6']);
    expect(INDICATORS.map(badgeColor)).toEqual(['#4c1', '#dfb317', '#fe7d37', '#e05d44', '#007ec6']);
  });
});

describe('buildPageBadge', () => {
  it.each([
    [[], 'all systems operational', '#4c1'],
    [['operational', 'operational'], 'all systems operational', '#4c1'],
    [['operational', 'degraded_performance'], 'partially degraded service', '#dfb317'],
    [['operational', 'partial_outage'], 'minor service outage', '#dfb317'],
    [['operational', 'major_outage'], 'partial system outage', '#fe7d37'],
    [['major_outage', 'major_outage'], 'major system outage', '#e05d44'],
    [['operational', 'under_maintenance'], 'service under maintenance', '#007ec6'],
  ] as const)('reads the indicator of %j as "%s" in %s', (statuses, message, color) => {
    const data = {
      page: page(),
      components: statuses.map((status) => component(status)),
      statusChanges: [],
      incidents: [],
    };

    expect(describeBadge(buildPageBadge(data))).toMatchObject({
      fills: ['#555', color, 'url(#s)'],
      texts: ['status', message],
    });
  });

  it('ignores the stored status of groups', () => {
    const data = {
      page: page(),
      components: [
        component('major_outage', { isGroup: true }),
        component('operational', { groupId: 'c-major_outage' }),
      ],
      statusChanges: [],
      incidents: [],
    };

    expect(describeBadge(buildPageBadge(data)).texts).toEqual(['status', 'all systems operational']);
  });
});

describe('buildComponentBadge', () => {
  it.each([
    ['operational', 'operational', '#4c1'],
    ['degraded_performance', 'degraded performance', '#dfb317'],
    ['partial_outage', 'partial outage', '#fe7d37'],
    ['major_outage', 'major outage', '#e05d44'],
    ['under_maintenance', 'under maintenance', '#007ec6'],
  ] as const)('labels %s as "%s" in %s', (status, message, color) => {
    expect(describeBadge(buildComponentBadge('Database', status))).toMatchObject({
      fills: ['#555', color, 'url(#s)'],
      texts: ['Database', message],
    });
  });
});
