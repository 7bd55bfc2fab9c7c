import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/lib/package-root.js';

/**
 * The Node flags `npm start` gives the server (package.json's start script), so a bench's Beacon child
 * runs as a deployed one does. BENCH_CHILD_NODE_OPTIONS, when set, replaces them (e.g. "" for Node's defaults).
 */
export function serverNodeFlags(): string[] {
  const override = process.env.BENCH_CHILD_NODE_OPTIONS;
  if (override !== undefined) return override.split(' ').filter((flag) => flag !== '');
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const start = pkg.scripts?.start ?? '';
  const flags = /^node((?:\s+--\S+)*)\s/.exec(start)?.[1] ?? '';
  return flags.split(/\s+/).filter((flag) => flag !== '');
}
