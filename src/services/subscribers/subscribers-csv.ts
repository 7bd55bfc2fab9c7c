import type { Component } from '../../domain/component.js';
import { describeActor, type Actor } from '../../domain/permissions.js';
import { isAppError } from '../../lib/app-error.js';
import { toError } from '../../lib/to-error.js';
import { appendAudit } from '../../store/audit-log.js';
import { listComponents } from '../../store/components.js';
import { findSubscriberByDedupeKey, updateSubscriber } from '../../store/subscribers.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../service-context.js';
import { listSubscribers } from './operator-subscribers.js';
import { subscribe } from './subscribe.js';

export const SUBSCRIBER_CSV_COLUMNS = ['email', 'components', 'confirmed', 'created_at'] as const;
const EXPORT_PAGE_SIZE = 1000;

export interface CsvImportResult {
  readonly imported: number;
  readonly skipped: { readonly line: number; readonly reason: string }[];
}

/**
 * A page's email subscribers as CSV (RFC 4180): email, components (names, or ids where a name is
 * ambiguous, separated by ";"; empty for all), confirmed (true/false), created_at (ISO 8601, UTC).
 * Webhook subscribers are left out: their endpoint and secret have no column.
 */
export async function exportSubscribersCsv(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
): Promise<string> {
  authorize(actor, 'read');
  const components = await listComponents(ctx.store.db, pageId);
  const labelOf = componentLabels(components);
  const rank = new Map(components.map((c, i) => [c.id, i]));
  const lines = [formatCsvRecord(SUBSCRIBER_CSV_COLUMNS)];
  for (let page = 1; ; page++) {
    const { subscribers } = await listSubscribers(ctx, actor, pageId, {
      page,
      perPage: EXPORT_PAGE_SIZE,
      state: 'all',
    });
    for (const s of subscribers) {
      if (s.mode !== 'email') continue;
      const names = [...s.componentIds]
        .sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity))
        .map((id) => labelOf.get(id) ?? id)
        .join(';');
      lines.push(
        formatCsvRecord([s.email, names, String(s.state === 'active'), new Date(s.createdAt).toISOString()]),
      );
    }
    if (subscribers.length < EXPORT_PAGE_SIZE) break;
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Subscribes every row of a CSV export to the page. Confirmed rows are active at once; unconfirmed
 * ones get the opt-in mail. Addresses already subscribed are left as they are. Rows that cannot be
 * imported are skipped with their line number and the reason; the rest go in.
 */
export async function importSubscribersCsv(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  csv: string,
): Promise<CsvImportResult> {
  authorize(actor, 'subscribers.write');
  const skipped: { line: number; reason: string }[] = [];
  const records = parseCsv(csv);
  const header = records.shift();
  if (header === undefined || 'error' in header) {
    return {
      imported: 0,
      skipped: [
        {
          line: header?.line ?? 1,
          reason: `the first line must name the columns: ${SUBSCRIBER_CSV_COLUMNS.join(',')}`,
        },
      ],
    };
  }
  const column = new Map(header.fields.map((name, i) => [name.trim().toLowerCase(), i]));
  if (!column.has('email'))
    return { imported: 0, skipped: [{ line: header.line, reason: 'there is no "email" column' }] };
  const cell = (fields: readonly string[], name: string) => fields[column.get(name) ?? -1]?.trim() ?? '';

  const findComponent = componentFinder(await listComponents(ctx.store.db, pageId));
  const seen = new Map<string, number>();
  let imported = 0;
  for (const record of records) {
    if ('error' in record) {
      skipped.push({ line: record.line, reason: record.error });
      continue;
    }
    const skip = (reason: string) => skipped.push({ line: record.line, reason });
    const email = cell(record.fields, 'email');
    const confirmed = parseFlag(cell(record.fields, 'confirmed'));
    const createdText = cell(record.fields, 'created_at');
    const createdAt = createdText === '' ? null : Date.parse(createdText);
    const components = splitList(cell(record.fields, 'components')).map(findComponent);
    const unknown = components.find((c) => 'error' in c);
    const earlier = seen.get(email.toLowerCase());
    if (email === '') skip('the email is empty');
    else if (earlier !== undefined) skip(`${email} is already on line ${earlier}`);
    else if (confirmed === null)
      skip(`confirmed must be true or false, not "${cell(record.fields, 'confirmed')}"`);
    else if (createdAt !== null && Number.isNaN(createdAt))
      skip(`created_at must be a date such as 2024-02-16T08:30:00Z, not "${createdText}"`);
    else if (unknown !== undefined && 'error' in unknown) skip(unknown.error);
    else {
      seen.set(email.toLowerCase(), record.line);
      if (
        (await findSubscriberByDedupeKey(ctx.store.db, pageId, `email:${email.toLowerCase()}`)) !== undefined
      ) {
        skip(`${email} is already subscribed`);
        continue;
      }
      try {
        const componentIds = components.flatMap((c) => ('id' in c ? [c.id] : []));
        const { subscriber } = await subscribe(
          ctx,
          pageId,
          { email, componentIds },
          { actor, skipConfirmation: confirmed },
        );
        if (createdAt !== null)
          await updateSubscriber(ctx.store.db, subscriber.id, { created_at: createdAt });
        imported += 1;
      } catch (e) {
        if (!isAppError(e) || e.code !== 'VALIDATION') throw e;
        skip(toError(e).message);
      }
    }
  }
  const now = ctx.clock.now();
  await appendAudit(ctx.store.db, {
    pageId,
    actor: describeActor(actor),
    action: 'subscriber.import',
    targetType: 'subscriber',
    targetId: null,
    before: null,
    after: { imported, skipped: skipped.length },
    at: now,
  });
  return { imported, skipped };
}

// Names read better than ids; an id stands in where a name is ambiguous or holds the list separator.
function componentLabels(components: readonly Component[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const c of components) counts.set(c.name.toLowerCase(), (counts.get(c.name.toLowerCase()) ?? 0) + 1);
  return new Map(
    components.map((c) => [
      c.id,
      counts.get(c.name.toLowerCase()) === 1 && !c.name.includes(';') ? c.name : c.id,
    ]),
  );
}

function componentFinder(
  components: readonly Component[],
): (label: string) => { id: string } | { error: string } {
  const byId = new Map(components.map((c) => [c.id, c]));
  return (label) => {
    const found = byId.get(label);
    if (found !== undefined) return { id: found.id };
    const named = components.filter((c) => c.name.toLowerCase() === label.toLowerCase());
    if (named.length === 1) return { id: named[0]!.id };
    if (named.length > 1) return { error: `more than one component is named "${label}"; use its id` };
    return { error: `there is no component named "${label}"` };
  };
}

function splitList(text: string): string[] {
  return text
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function parseFlag(text: string): boolean | null {
  const value = text.toLowerCase();
  if (['true', 'yes', '1'].includes(value)) return true;
  if (['false', 'no', '0', ''].includes(value)) return false;
  return null;
}

export type CsvRecord =
  { readonly line: number; readonly fields: string[] } | { readonly line: number; readonly error: string };

/**
 * RFC 4180 records with the line each starts on: fields split by commas, quoted fields may hold commas,
 * line breaks and doubled quotes. CRLF and LF both end a record; blank lines and a leading BOM are skipped.
 * A malformed record is returned as an error and parsing goes on with the next.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let i = 0;
  let line = 1;
  while (i < input.length) {
    const start = line;
    const fields: string[] = [];
    let error: string | null = null;
    for (;;) {
      let field = '';
      if (input[i] === '"') {
        i++;
        for (;;) {
          if (i >= input.length) {
            error ??= `a quoted field opened on line ${start} is never closed`;
            break;
          }
          const c = input[i]!;
          if (c === '"' && input[i + 1] === '"') {
            field += '"';
            i += 2;
          } else if (c === '"') {
            i++;
            break;
          } else {
            if (c === '\n') line++;
            field += c;
            i++;
          }
        }
        if (i < input.length && input[i] !== ',' && input[i] !== '\n' && input[i] !== '\r') {
          error ??= 'text follows a closing quote; double a quote inside a quoted field ("")';
          while (i < input.length && input[i] !== ',' && input[i] !== '\n' && input[i] !== '\r') i++;
        }
      } else {
        while (i < input.length && input[i] !== ',' && input[i] !== '\n' && input[i] !== '\r') {
          if (input[i] === '"')
            error ??= 'a quote inside an unquoted field; quote the whole field and double the quote';
          field += input[i];
          i++;
        }
      }
      fields.push(field);
      if (input[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (input[i] === '\r') i++;
    if (input[i] === '\n') i++;
    line++;
    if (error !== null) records.push({ line: start, error });
    else if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
  }
  return records;
}

/** One CSV record: a field is quoted when it holds a comma, a quote, a line break or edge spaces. */
export function formatCsvRecord(fields: readonly string[]): string {
  return fields.map((f) => (/[",\r\n]|^\s|\s$/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
}
