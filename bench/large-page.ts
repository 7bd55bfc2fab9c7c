import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { DAY, HOUR, MINUTE } from '../src/lib/time.js';

export interface LargePageOptions {
  readonly groups: number;
  readonly componentsPerGroup: number;
  readonly incidents: number;
  readonly years: number;
  /** Incidents left open (the newest ones); all others are resolved. */
  readonly unresolved: number;
  readonly seed: number;
  readonly now: number;
}

export const LARGE_PAGE: Omit<LargePageOptions, 'now'> = {
  groups: 50,
  componentsPerGroup: 20,
  incidents: 5000,
  years: 3,
  unresolved: 5,
  seed: 20240216,
};

export interface LargePageFiles {
  readonly configFile: string;
  readonly historyFile: string;
  readonly components: number;
  readonly incidents: number;
  readonly updates: number;
}

const BAD_STATUSES = ['degraded_performance', 'partial_outage', 'major_outage'] as const;
const OPEN_STATUSES = ['investigating', 'identified', 'monitoring'] as const;
const SUBJECTS = [
  'Elevated error rates',
  'Increased latency',
  'Degraded performance',
  'Partial outage',
  'Delayed processing',
  'Login failures',
];
const BODIES = [
  'We are currently investigating this incident.',
  'We have identified the cause and are working on a fix.',
  'A fix has been implemented and we are monitoring the results.',
  'Requests to the **API** time out for some customers.\n\nWe will post an update within 30 minutes.',
  'Traffic has been moved to a healthy region; error rates are back to normal.',
];

/** A beacon.yaml and a history.json for a page far bigger than the demo; the same seed gives the same page. */
export function writeLargePage(dir: string, options: LargePageOptions): LargePageFiles {
  const random = mulberry32(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const pad = (n: number) => String(n).padStart(2, '0');
  const span = Math.round(options.years * 365 * DAY);
  const startDate = new Date(options.now - span).toISOString().slice(0, 10);

  const keys: string[] = [];
  const components = Array.from({ length: options.groups }, (_, g) => ({
    group: `Region ${pad(g + 1)}`,
    key: `region-${pad(g + 1)}`,
    components: Array.from({ length: options.componentsPerGroup }, (_, c) => {
      const key = `r${pad(g + 1)}-service-${pad(c + 1)}`;
      keys.push(key);
      return { name: `Service ${pad(g + 1)}.${pad(c + 1)}`, key, start_date: startDate };
    }),
  }));
  const config = {
    page: {
      name: 'Large bench page',
      url: 'https://status.large.example',
      time_zone: 'Europe/Amsterdam',
      locale: 'en',
    },
    components,
    imports: ['history.json'],
  };

  // Start times spread evenly at random over the span, ending a few hours ago; the newest stay open.
  const starts = Array.from(
    { length: options.incidents },
    () => options.now - 6 * HOUR - Math.floor(random() * (span - 7 * HOUR)),
  ).sort((a, b) => a - b);
  let updateCount = 0;
  const incidents = starts.map((startedAt, index) => {
    const open = index >= options.incidents - options.unresolved;
    const affected = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(keys)))];
    const updateTotal = 2 + Math.floor(random() * 3);
    let at = startedAt + Math.floor(random() * 10 * MINUTE);
    const updates = Array.from({ length: updateTotal }, (_, u) => {
      const last = u === updateTotal - 1;
      const status =
        last && !open ? 'resolved' : (OPEN_STATUSES[Math.min(u, OPEN_STATUSES.length - 1)] as string);
      const statuses: Record<string, string> = {};
      if (u === 0) for (const key of affected) statuses[key] = pick(BAD_STATUSES);
      if (last && !open) for (const key of affected) statuses[key] = 'operational';
      const update = { status, at: new Date(at).toISOString(), body: pick(BODIES), components: statuses };
      at += 5 * MINUTE + Math.floor(random() * 2 * HOUR);
      return update;
    });
    updateCount += updates.length;
    return {
      key: `bench-${String(index + 1).padStart(5, '0')}`,
      name: `${pick(SUBJECTS)} in ${affected.join(', ')}`,
      status: open ? (updates.at(-1)?.status ?? 'investigating') : 'resolved',
      started_at: new Date(startedAt).toISOString(),
      components: affected,
      updates,
    };
  });

  const configFile = join(dir, 'beacon.yaml');
  const historyFile = join(dir, 'history.json');
  writeFileSync(configFile, stringify(config));
  writeFileSync(historyFile, JSON.stringify({ incidents }));
  return {
    configFile,
    historyFile,
    components: keys.length + options.groups,
    incidents: incidents.length,
    updates: updateCount,
  };
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
