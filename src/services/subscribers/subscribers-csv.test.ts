import { afterEach, describe, expect, it } from 'vitest';
import { parseSiteConfig } from '../../config/load-site-config.js';
import type { Actor } from '../../domain/permissions.js';
import { ManualClock } from '../../lib/clock.js';
import { EventBus } from '../../lib/events.js';
import { DAY } from '../../lib/time.js';
import { listComponents } from '../../store/components.js';
import { Store } from '../../store/store.js';
import { applySiteConfig } from '../apply-site-config.js';
import type { ServiceContext } from '../service-context.js';
import { listSubscribers } from './operator-subscribers.js';
import { subscribe } from './subscribe.js';
import { exportSubscribersCsv, formatCsvRecord, importSubscribersCsv, parseCsv } from './subscribers-csv.js';

const NOW = Date.parse('2024-02-16T08:30:00Z');
const admin: Actor = { kind: 'user', id: 'u-1', email: 'admin@example.com', role: 'admin' };
const viewer: Actor = { kind: 'user', id: 'u-2', email: 'viewer@example.com', role: 'viewer' };
const YAML = `
page: { name: Acme }
components:
  - group: Platform
    components:
      - name: Database
      - name: 'Search, EU'
      - name: 'The "new" API'
  - name: Payments
`;

const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

async function freshPage(now = NOW) {
  const store = await Store.open({ dialect: 'sqlite', file: ':memory:' });
  stores.push(store);
  await store.migrate();
  const clock = new ManualClock(now);
  const { pageId } = await applySiteConfig(store, parseSiteConfig(YAML, 'beacon.yaml'), clock);
  const ctx: ServiceContext = { store, clock, events: new EventBus() };
  const ids = Object.fromEntries((await listComponents(store.db, pageId)).map((c) => [c.name, c.id]));
  return { ctx, clock, pageId, ids };
}

/** Every email subscriber as [email, component names, active, created_at], sorted by email. */
async function subscribersOf(ctx: ServiceContext, pageId: string) {
  const names = new Map((await listComponents(ctx.store.db, pageId)).map((c) => [c.id, c.name]));
  const { subscribers } = await listSubscribers(ctx, admin, pageId, { page: 1, perPage: 1000, state: 'all' });
  return subscribers
    .map((s) => [s.email, s.componentIds.map((id) => names.get(id)).sort(), s.state, s.createdAt] as const)
    .sort((a, b) => a[0].localeCompare(b[0]));
}

describe('subscribers CSV', () => {
  it('exports and imports into a fresh page the same subscribers', async () => {
    const source = await freshPage();
    const { ctx, clock, pageId, ids } = source;
    await subscribe(ctx, pageId, { email: 'all@example.com' }, { actor: admin, skipConfirmation: true });
    clock.advance(DAY);
    await subscribe(
      ctx,
      pageId,
      { email: 'some@example.com', componentIds: [ids['Search, EU']!, ids['The "new" API']!] },
      { actor: admin, skipConfirmation: true },
    );
    clock.advance(DAY);
    await subscribe(ctx, pageId, { email: 'pending@example.com', componentIds: [ids.Payments!] });
    await subscribe(
      ctx,
      pageId,
      { email: 'hooks@example.com', endpoint: 'https://hooks.example.com/beacon' },
      { actor: admin },
    );

    const csv = await exportSubscribersCsv(ctx, viewer, pageId);
    expect(csv.split('\r\n')).toEqual([
      'email,components,confirmed,created_at',
      'pending@example.com,Payments,false,2024-02-18T08:30:00.000Z',
      'some@example.com,"Search, EU;The ""new"" API",true,2024-02-17T08:30:00.000Z',
      'all@example.com,,true,2024-02-16T08:30:00.000Z',
      '',
    ]);

    const target = await freshPage(NOW + 30 * DAY);
    expect(await importSubscribersCsv(target.ctx, admin, target.pageId, csv)).toEqual({
      imported: 3,
      skipped: [],
    });
    const before = (await subscribersOf(ctx, pageId)).filter(([email]) => email !== 'hooks@example.com');
    expect(await subscribersOf(target.ctx, target.pageId)).toEqual(before);
    expect(await importSubscribersCsv(target.ctx, admin, target.pageId, csv)).toMatchObject({
      imported: 0,
      skipped: [{ line: 2, reason: 'pending@example.com is already subscribed' }, { line: 3 }, { line: 4 }],
    });
  });

  it('reports each bad row with its line number and imports the rest', async () => {
    const { ctx, pageId, ids } = await freshPage();
    const csv = [
      'Email,Components,Confirmed,Created_At',
      'ok@example.com,Database,true,2024-01-01T00:00:00Z',
      'not-an-email,,true,',
      '"multi@example.com","Database;',
      'Payments",false,', // a quoted field over two lines: the record starts on line 4
      'unknown@example.com,Billing,true,',
      'flag@example.com,,maybe,',
      'date@example.com,,true,yesterday',
      'OK@example.com,,true,',
      'broken"quote@example.com,,true,',
      `byid@example.com,${ids.Payments},true,`,
      '"unclosed@example.com,,true,',
    ].join('\n');
    const result = await importSubscribersCsv(ctx, admin, pageId, csv);
    expect(result.skipped).toEqual([
      { line: 3, reason: 'email is not a valid email address' },
      { line: 6, reason: 'there is no component named "Billing"' },
      { line: 7, reason: 'confirmed must be true or false, not "maybe"' },
      { line: 8, reason: 'created_at must be a date such as 2024-02-16T08:30:00Z, not "yesterday"' },
      { line: 9, reason: 'OK@example.com is already on line 2' },
      { line: 10, reason: 'a quote inside an unquoted field; quote the whole field and double the quote' },
      { line: 12, reason: 'a quoted field opened on line 12 is never closed' },
    ]);
    expect(result.imported).toBe(3);
    expect(await subscribersOf(ctx, pageId)).toEqual([
      ['byid@example.com', ['Payments'], 'active', NOW],
      ['multi@example.com', ['Database', 'Payments'], 'unconfirmed', NOW],
      ['ok@example.com', ['Database'], 'active', Date.parse('2024-01-01T00:00:00Z')],
    ]);
  });

  it('needs subscribers.write to import and a header naming the email column', async () => {
    const { ctx, pageId } = await freshPage();
    await expect(importSubscribersCsv(ctx, viewer, pageId, 'email\na@example.com\n')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await importSubscribersCsv(ctx, admin, pageId, 'address\na@example.com\n')).toEqual({
      imported: 0,
      skipped: [{ line: 1, reason: 'there is no "email" column' }],
    });
  });
});

describe('CSV records (RFC 4180)', () => {
  const awkward = ['plain', 'with, comma', 'say "hi"', 'two\nlines', 'crlf\r\ninside', ' edge ', '', '"'];

  it('quotes only what needs quoting and reads back exactly what it wrote', () => {
    const line = formatCsvRecord(awkward);
    expect(line).toBe('plain,"with, comma","say ""hi""","two\nlines","crlf\r\ninside"," edge ",,""""');
    expect(parseCsv(`${line}\r\nnext,row\r\n`)).toEqual([
      { line: 1, fields: awkward },
      { line: 4, fields: ['next', 'row'] },
    ]);
  });

  it('takes LF or CRLF, skips blank lines and a byte order mark', () => {
    expect(parseCsv('\uFEFFa,b\n\nc,d\r\n\r\ne,f')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['c', 'd'] },
      { line: 5, fields: ['e', 'f'] },
    ]);
  });

  it('reports text after a closing quote and goes on with the next record', () => {
    expect(parseCsv('"a"b,c\nd,e\n')).toEqual([
      { line: 1, error: 'text follows a closing quote; double a quote inside a quoted field ("")' },
      { line: 2, fields: ['d', 'e'] },
    ]);
  });
});
