/**
 * The shapes of Statuspage's public API v2 documents, written down from Atlassian's documentation and
 * real pages' responses: every key, in Statuspage's order, with its value kind and enum. Unit and
 * integration tests check Beacon's documents against them with `checkShape`.
 */

export type ValueShape =
  | 'string'
  | 'id'
  | 'integer'
  | 'boolean'
  | 'timestamp'
  | 'date'
  | 'null'
  | { readonly enum: readonly string[] }
  | { readonly nullable: ValueShape }
  | { readonly arrayOf: ValueShape }
  | { readonly object: ObjectShape };

type KeyList = readonly (readonly [key: string, shape: ValueShape])[];

export interface ObjectShape {
  readonly keys: KeyList;
  /** Keys that follow `keys` exactly when `key` holds `equals` (a group's `components`), absent otherwise. */
  readonly extra?: {
    readonly when: { readonly key: string; readonly equals: unknown };
    readonly keys: KeyList;
  };
}

export type V2DocumentKind = 'summary' | 'status' | 'components' | 'incidents' | 'scheduled-maintenances';

/** ISO 8601 with milliseconds and an offset: "Z" on UTC pages, "+01:00" and the like elsewhere. */
export const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(?:Z|[+-]\d{2}:\d{2})$/;
export const ID_PATTERN = /^[0-9a-z]{12}$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const COMPONENT_STATUS_ENUM = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
] as const;
export const INCIDENT_STATUS_ENUM = [
  'investigating',
  'identified',
  'monitoring',
  'resolved',
  'postmortem',
] as const;
export const MAINTENANCE_STATUS_ENUM = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export const INCIDENT_IMPACT_ENUM = ['none', 'minor', 'major', 'critical'] as const;
export const MAINTENANCE_IMPACT_ENUM = ['none', 'minor', 'major', 'critical', 'maintenance'] as const;
export const INDICATOR_ENUM = ['none', 'minor', 'major', 'critical', 'maintenance'] as const;
export const INDICATOR_DESCRIPTION_ENUM = [
  'All Systems Operational',
  'Major System Outage',
  'Partial System Outage',
  'Minor Service Outage',
  'Degraded System Service',
  'Partially Degraded Service',
  'Service Under Maintenance',
] as const;

export const PAGE_SHAPE: ObjectShape = {
  keys: [
    ['id', 'id'],
    ['name', 'string'],
    ['url', { nullable: 'string' }],
    ['time_zone', 'string'],
    ['updated_at', 'timestamp'],
  ],
};

export const STATUS_SHAPE: ObjectShape = {
  keys: [
    ['indicator', { enum: INDICATOR_ENUM }],
    ['description', { enum: INDICATOR_DESCRIPTION_ENUM }],
  ],
};

export const COMPONENT_SHAPE: ObjectShape = {
  keys: [
    ['id', 'id'],
    ['name', 'string'],
    ['status', { enum: COMPONENT_STATUS_ENUM }],
    ['created_at', 'timestamp'],
    ['updated_at', 'timestamp'],
    ['position', 'integer'],
    ['description', { nullable: 'string' }],
    ['showcase', 'boolean'],
    ['start_date', { nullable: 'date' }],
    ['group_id', { nullable: 'id' }],
    ['page_id', 'id'],
    ['group', 'boolean'],
    ['only_show_if_degraded', 'boolean'],
  ],
  extra: { when: { key: 'group', equals: true }, keys: [['components', { arrayOf: 'id' }]] },
};

const AFFECTED_COMPONENT_SHAPE: ObjectShape = {
  keys: [
    ['code', 'id'],
    ['name', 'string'],
    ['old_status', { enum: COMPONENT_STATUS_ENUM }],
    ['new_status', { enum: COMPONENT_STATUS_ENUM }],
  ],
};

function updateShape(statuses: readonly string[]): ObjectShape {
  return {
    keys: [
      ['id', 'id'],
      ['status', { enum: statuses }],
      ['body', 'string'],
      ['incident_id', 'id'],
      ['created_at', 'timestamp'],
      ['updated_at', 'timestamp'],
      ['display_at', 'timestamp'],
      ['affected_components', { nullable: { arrayOf: { object: AFFECTED_COMPONENT_SHAPE } } }],
      ['deliver_notifications', 'boolean'],
      ['custom_tweet', { nullable: 'string' }],
      ['tweet_id', { nullable: 'string' }],
    ],
  };
}

function incidentKeys(statuses: readonly string[], impacts: readonly string[]): KeyList {
  return [
    ['id', 'id'],
    ['name', 'string'],
    ['status', { enum: statuses }],
    ['created_at', 'timestamp'],
    ['updated_at', 'timestamp'],
    ['monitoring_at', { nullable: 'timestamp' }],
    ['resolved_at', { nullable: 'timestamp' }],
    ['impact', { enum: impacts }],
    ['shortlink', { nullable: 'string' }],
    ['started_at', 'timestamp'],
    ['page_id', 'id'],
    ['incident_updates', { arrayOf: { object: updateShape(statuses) } }],
    ['components', { arrayOf: { object: COMPONENT_SHAPE } }],
  ];
}

export const INCIDENT_SHAPE: ObjectShape = { keys: incidentKeys(INCIDENT_STATUS_ENUM, INCIDENT_IMPACT_ENUM) };

export const MAINTENANCE_SHAPE: ObjectShape = {
  keys: [
    ...incidentKeys(MAINTENANCE_STATUS_ENUM, MAINTENANCE_IMPACT_ENUM),
    ['scheduled_for', { nullable: 'timestamp' }],
    ['scheduled_until', { nullable: 'timestamp' }],
  ],
};

const page = ['page', { object: PAGE_SHAPE }] as const;
const status = ['status', { object: STATUS_SHAPE }] as const;
const components = ['components', { arrayOf: { object: COMPONENT_SHAPE } }] as const;
const incidents = ['incidents', { arrayOf: { object: INCIDENT_SHAPE } }] as const;
const maintenances = ['scheduled_maintenances', { arrayOf: { object: MAINTENANCE_SHAPE } }] as const;

export const SUMMARY_SHAPE: ObjectShape = { keys: [page, components, incidents, maintenances, status] };

export const V2_DOCUMENT_SHAPES: Readonly<Record<V2DocumentKind, ObjectShape>> = {
  summary: SUMMARY_SHAPE,
  status: { keys: [page, status] },
  components: { keys: [page, components] },
  incidents: { keys: [page, incidents] },
  'scheduled-maintenances': { keys: [page, maintenances] },
};

/**
 * Every way `doc` differs from the Statuspage document of that kind (missing, extra or misordered keys,
 * wrong value kinds, unknown enum values, broken group links), as "path: problem" lines; [] when none.
 */
export function checkShape(doc: unknown, kind: V2DocumentKind): string[] {
  const problems: string[] = [];
  checkValue(doc, { object: V2_DOCUMENT_SHAPES[kind] }, kind, problems);
  if (isRecord(doc) && Array.isArray(doc['components']))
    checkComponentList(doc['components'], `${kind}.components`, problems);
  return problems;
}

/** Throws one error listing every problem `checkShape` finds. */
export function assertStatuspageShape(doc: unknown, kind: V2DocumentKind): void {
  const problems = checkShape(doc, kind);
  if (problems.length > 0) {
    throw new Error(`not a Statuspage v2 ${kind} document:\n  ${problems.join('\n  ')}`);
  }
}

function checkValue(value: unknown, shape: ValueShape, path: string, problems: string[]): void {
  const fail = (expected: string): void => {
    problems.push(`${path}: expected ${expected}, got ${JSON.stringify(value) ?? String(value)}`);
  };
  if (typeof shape === 'string') {
    if (!isScalar(value, shape)) fail(shape === 'id' ? 'a 12-character base-36 id' : `a ${shape}`);
    return;
  }
  if ('enum' in shape) {
    if (typeof value !== 'string' || !shape.enum.includes(value)) fail(`one of ${shape.enum.join(', ')}`);
  } else if ('nullable' in shape) {
    if (value !== null) checkValue(value, shape.nullable, path, problems);
  } else if ('arrayOf' in shape) {
    if (!Array.isArray(value)) return fail('an array');
    value.forEach((item, index) => checkValue(item, shape.arrayOf, `${path}[${index}]`, problems));
  } else {
    if (!isRecord(value)) return fail('an object');
    checkObject(value, shape.object, path, problems);
  }
}

function checkObject(
  value: Record<string, unknown>,
  shape: ObjectShape,
  path: string,
  problems: string[],
): void {
  const expected = [...shape.keys];
  if (shape.extra !== undefined && value[shape.extra.when.key] === shape.extra.when.equals) {
    expected.push(...shape.extra.keys);
  }
  const expectedNames = expected.map(([key]) => key);
  const actualNames = Object.keys(value);
  for (const key of expectedNames) if (!(key in value)) problems.push(`${path}.${key}: missing`);
  for (const key of actualNames)
    if (!expectedNames.includes(key)) problems.push(`${path}.${key}: unexpected key`);
  const common = actualNames.filter((key) => expectedNames.includes(key));
  if (common.join() !== expectedNames.filter((key) => key in value).join()) {
    problems.push(
      `${path}: keys in order ${common.join(', ')}; Statuspage's order is ${expectedNames.join(', ')}`,
    );
  }
  for (const [key, keyShape] of expected) {
    if (key in value) checkValue(value[key], keyShape, `${path}.${key}`, problems);
  }
}

/** Statuspage's flat list: sorted by position, children point at a group that lists them in position order. */
function checkComponentList(list: readonly unknown[], path: string, problems: string[]): void {
  const items = list.filter(isRecord);
  const byId = new Map(items.map((item) => [item['id'], item]));
  items.forEach((item, index) => {
    const previous = items[index - 1];
    if (previous !== undefined && Number(previous['position']) > Number(item['position'])) {
      problems.push(`${path}[${index}]: not sorted by position`);
    }
    const groupId = item['group_id'];
    if (groupId !== null && byId.get(groupId)?.['group'] !== true) {
      problems.push(`${path}[${index}].group_id: ${JSON.stringify(groupId)} is not a group in the list`);
    }
    if (item['group'] !== true) return;
    const children = items
      .filter((child) => child['group_id'] === item['id'])
      .sort((a, b) => Number(a['position']) - Number(b['position']))
      .map((child) => child['id']);
    if (JSON.stringify(children) !== JSON.stringify(item['components'])) {
      problems.push(`${path}[${index}].components: expected the children's ids in position order`);
    }
  });
}

function isScalar(value: unknown, kind: Exclude<ValueShape, object>): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'id':
      return typeof value === 'string' && ID_PATTERN.test(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'timestamp':
      return typeof value === 'string' && TIMESTAMP_PATTERN.test(value);
    case 'date':
      return typeof value === 'string' && DATE_PATTERN.test(value);
    case 'null':
      return value === null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
