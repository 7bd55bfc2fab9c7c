type FormValue = string | string[];
export type NestedForm = { [key: string]: NestedValue };
type NestedValue = string | string[] | NestedForm;

const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 5;

/**
 * Turns Rails-style form fields, as Statuspage documents them, into the nested object a JSON body
 * would carry: `incident[name]=x` → `{incident: {name: 'x'}}`, `incident[components][abc]=major_outage`
 * → a map, `incident[component_ids][]=a&…[]=b` → a list. Input is the flat object querystring parsing
 * gives (a repeated key holds an array).
 */
export function nestFormFields(flat: Readonly<Record<string, FormValue | undefined>>): NestedForm {
  const root: NestedForm = {};
  for (const [key, value] of Object.entries(flat)) {
    if (value === undefined) continue;
    const path = parseKey(key);
    if (path === null) continue;
    assign(root, path, value);
  }
  return root;
}

/** `a[b][c][]` → ['a', 'b', 'c', '']; null for keys that cannot be placed safely. */
function parseKey(key: string): string[] | null {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (match === null) return [key];
  const head = match[1] ?? key;
  const rest = [...(match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? '');
  const path = [head, ...rest];
  if (path.length > MAX_DEPTH || path.some((segment) => FORBIDDEN_KEYS.has(segment))) return null;
  // Only a trailing [] means "list"; an empty segment inside the key has no meaning here.
  if (path.slice(0, -1).includes('')) return null;
  return path;
}

function assign(root: NestedForm, path: readonly string[], value: FormValue): void {
  let node: NestedForm = root;
  for (let i = 0; i < path.length - 1; i++) {
    const segment = path[i]!;
    const next = path[i + 1];
    if (next === '') {
      const list = Array.isArray(value) ? value : [value];
      const existing = node[segment];
      node[segment] = Array.isArray(existing) ? [...existing, ...list] : list;
      return;
    }
    const child = node[segment];
    if (typeof child === 'object' && !Array.isArray(child)) {
      node = child;
    } else {
      const created: NestedForm = {};
      node[segment] = created;
      node = created;
    }
  }
  const last = path[path.length - 1]!;
  // A repeated plain key: the last value wins, as Rails does.
  node[last] = Array.isArray(value) ? (value[value.length - 1] ?? '') : value;
}
