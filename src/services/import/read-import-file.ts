import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { ImportDocument } from './import-document.js';
import { parseBeaconHistory } from './parse-beacon-history.js';
import { parseStatuspageDocument } from './parse-statuspage.js';

/**
 * Reads a history file and recognises its form: a Statuspage v2 document (it has a `page` object or
 * incidents with `incident_updates`) or Beacon's own YAML/JSON form.
 */
export function readImportFile(file: string): ImportDocument {
  const text = readFileSync(file, 'utf8');
  let value: unknown;
  try {
    value = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new Error(`${file}: cannot parse (${(e as Error).message})`, { cause: e });
  }
  try {
    return isStatuspageDocument(value) ? parseStatuspageDocument(value) : parseBeaconHistory(value);
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`, { cause: e });
  }
}

function isStatuspageDocument(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (typeof record.page === 'object' && record.page !== null) return true;
  const lists = [record.incidents, record.scheduled_maintenances].filter(Array.isArray) as unknown[][];
  return lists.some((list) =>
    list.some((i) => typeof i === 'object' && i !== null && 'incident_updates' in i),
  );
}
