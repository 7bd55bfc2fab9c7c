import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { slugify } from '../lib/slugify.js';
import { ConfigError, type ConfigProblem } from './config-error.js';
import {
  componentConfigSchema,
  groupConfigSchema,
  isGroupConfig,
  siteConfigSchema,
  type ComponentEntryConfig,
  type SiteConfig,
} from './site-config.js';

type PathKey = string | number;

/** Reads and validates a beacon.yaml; throws ConfigError naming the file, line and fix of every problem. */
export function loadSiteConfig(file: string): SiteConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError([
      {
        file,
        line: null,
        path: '',
        message: `cannot read the file (${(e as Error).message}); check BEACON_CONFIG or --config`,
      },
    ]);
  }
  return parseSiteConfig(text, file);
}

export function parseSiteConfig(text: string, file: string): SiteConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => ({
        file,
        line: lineCounter.linePos(e.pos[0]).line,
        path: '',
        message: `YAML syntax: ${e.message.split('\n')[0] ?? ''}`,
      })),
    );
  }
  const lineOf = (path: readonly PathKey[]): number | null => lineOfPath(doc, lineCounter, path);
  const problems: ConfigProblem[] = [];
  const report = (issues: readonly z.core.$ZodIssue[], prefix: readonly PathKey[]) => {
    for (const issue of issues) {
      const path = [...prefix, ...(issue.path as PathKey[])];
      problems.push({ file, line: lineOf(path), path: formatPath(path), message: issue.message });
    }
  };

  const top = siteConfigSchema.safeParse(doc.toJS() ?? {});
  if (!top.success) {
    report(top.error.issues, []);
    throw new ConfigError(problems);
  }

  const components: ComponentEntryConfig[] = [];
  top.data.components.forEach((entry, index) => {
    const isGroup = typeof entry === 'object' && entry !== null && 'group' in entry;
    const parsed = (isGroup ? groupConfigSchema : componentConfigSchema).safeParse(entry);
    if (parsed.success) components.push(parsed.data);
    else report(parsed.error.issues, ['components', index]);
  });
  if (problems.length === 0) problems.push(...checkKeys(components, file, lineOf));
  if (problems.length > 0) throw new ConfigError(problems);

  const base = dirname(resolve(file));
  return { ...top.data, components, imports: top.data.imports.map((p) => resolve(base, p)) };
}

/** Keys must be unique on the page and every depends_on must name one. */
function checkKeys(
  entries: readonly ComponentEntryConfig[],
  file: string,
  lineOf: (p: PathKey[]) => number | null,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, string>();
  const claim = (key: string, path: PathKey[]) => {
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({
        file,
        line: lineOf(path),
        path: formatPath(path),
        message: `the key "${key}" is already used at ${first}; give this one its own "key:"`,
      });
    } else seen.set(key, formatPath(path));
  };
  entries.forEach((entry, i) => {
    if (isGroupConfig(entry)) {
      claim(entry.key ?? slugify(entry.group), ['components', i]);
      entry.components.forEach((c, j) => claim(c.key ?? slugify(c.name), ['components', i, 'components', j]));
    } else claim(entry.key ?? slugify(entry.name), ['components', i]);
  });
  entries.forEach((entry, i) => {
    const leaves = isGroupConfig(entry)
      ? entry.components.map((c, j) => [c, ['components', i, 'components', j]] as const)
      : [[entry, ['components', i]] as const];
    for (const [component, path] of leaves) {
      (component.depends_on ?? []).forEach((dep, k) => {
        if (!seen.has(dep)) {
          const at = [...path, 'depends_on', k];
          problems.push({
            file,
            line: lineOf(at),
            path: formatPath(at),
            message: `depends_on names "${dep}", but no component has that key; known keys: ${[...seen.keys()].join(', ')}`,
          });
        }
      });
    }
  });
  return problems;
}

function lineOfPath(doc: Document, lineCounter: LineCounter, path: readonly PathKey[]): number | null {
  // Walk as deep as the path exists: a missing key is reported at its parent's line.
  let node: unknown = doc.contents;
  let range: [number, number, number] | undefined = (node as { range?: [number, number, number] } | null)
    ?.range;
  for (const key of path) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      next = pair?.value ?? undefined;
      const keyRange = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
      if (keyRange !== undefined) range = keyRange;
    } else if (isSeq(node) && typeof key === 'number') {
      next = node.items[key];
    }
    if (next === undefined || next === null) break;
    node = next;
    const nodeRange = (node as { range?: [number, number, number] }).range;
    if (nodeRange !== undefined && !isMap(node)) range = nodeRange;
    else if (nodeRange !== undefined && isMap(node)) range = nodeRange;
  }
  return range === undefined ? null : lineCounter.linePos(range[0]).line;
}

function formatPath(path: readonly PathKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}
