import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { loadBeaconConfig } from '../src/config/beacon-config.js';
import { silentLogger } from '../src/lib/logger.js';
import { loadPageData } from '../src/services/load-page-data.js';
import { openStore } from '../src/services/open-store.js';
import { preparePage } from '../src/services/prepare-page.js';
import { systemClock } from '../src/lib/clock.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');

describe('beacon CLI', () => {
  let dir: string;
  let out: string;
  let err: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'beacon-cli-'));
    out = '';
    err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation(
      (chunk: string | Uint8Array) => ((out += String(chunk)), true),
    );
    vi.spyOn(process.stderr, 'write').mockImplementation(
      (chunk: string | Uint8Array) => ((err += String(chunk)), true),
    );
  });
  afterEach(() => vi.restoreAllMocks());

  const env = () => ({ BEACON_DATA_DIR: join(dir, 'data'), BEACON_CONFIG: join(dir, 'beacon.yaml') });
  const run = (...args: string[]) => runCli(['node', 'beacon', ...args], env());
  const writeConfig = (yaml: string) => writeFileSync(join(dir, 'beacon.yaml'), yaml);

  it('migrates a fresh database', async () => {
    writeConfig('page: { name: Acme }\n');
    expect(await run('migrate')).toBe(0);
    expect(out).toContain('database is up to date (sqlite)');
  });

  it('checks a valid config and probes each monitor once, printing a table', async () => {
    const open = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => open.listen(0, '127.0.0.1', resolve));
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    try {
      writeConfig(`page: { name: Acme }
components:
  - group: Core
    components:
      - name: API
        monitors: [{ type: tcp, host: 127.0.0.1, port: ${(open.address() as AddressInfo).port} }]
  - name: Web
    monitors: [{ type: tcp, host: 127.0.0.1, port: ${closedPort}, timeout: 2s }]
  - name: App
    monitors: [{ type: heartbeat, token: app-beat-token }]
`);
      expect(await run('check')).toBe(0);
      expect(out).toContain('is valid: page "Acme"');
      expect(out).toMatch(/^ {2}API\s+tcp\s+127\.0\.0\.1:\d+\s+yes\s+up\s+\d+ ms/m);
      expect(out).toMatch(/^Web\s+tcp\s+127\.0\.0\.1:\d+\s+yes\s+down\s+.*refused/m);
      expect(out).toMatch(/^App\s+heartbeat\s+\/api\/push\/app-beat-token/m);
      out = '';
      expect(await run('check', '--no-probe')).toBe(0);
      expect(out).toMatch(/^Web\s+tcp.*not probed/m);
    } finally {
      await new Promise<void>((resolve) => open.close(() => resolve()));
    }
  });

  it('stops on a bad config naming the file, the line and the fix', async () => {
    writeConfig('page:\n  name: Acme\n  time_zone: Nowhere/Land\n');
    expect(await run('check')).toBe(78);
    expect(err).toContain(
      `${join(dir, 'beacon.yaml')}:3: page.time_zone: time_zone must be an IANA zone name`,
    );
  });

  it('imports a Statuspage incidents.json, idempotently', async () => {
    writeConfig(
      'page: { name: Acme, time_zone: Etc/UTC }\ncomponents:\n  - { name: API, start_date: 2024-01-01 }\n',
    );
    expect(await run('import', join(FIXTURES, 'statuspage-incidents.json'))).toBe(0);
    expect(out).toContain('1 created, 0 updated, 0 unchanged');
    expect(await run('import', join(FIXTURES, 'statuspage-incidents.json'))).toBe(0);
    expect(out).toContain('0 created, 0 updated, 1 unchanged');

    const config = loadBeaconConfig(env(), {}, dir);
    const store = await openStore(config);
    try {
      const pageId = await preparePage(store, config, systemClock, silentLogger());
      const data = (await loadPageData(store, pageId, Date.parse('2024-03-02T00:00:00Z')))!;
      const [incident] = data.incidents;
      expect(incident).toMatchObject({
        name: 'Elevated API errors',
        status: 'resolved',
        impact: 'major',
        impactOverride: 'major',
      });
      expect(incident?.updates.map((u) => u.body)).toEqual([
        'Fixed.',
        'A fix is out.',
        'We see <b>errors</b>.',
      ]);
      const api = data.components.find((c) => c.name === 'API')!;
      // The last entry is the component's creation (today), after the imported history.
      expect(data.statusChanges.filter((c) => c.componentId === api.id).map((c) => c.status)).toEqual([
        'partial_outage',
        'operational',
        'operational',
      ]);
    } finally {
      await store.close();
    }
  });

  it('refuses a file that is neither form, saying what it expected', async () => {
    writeConfig('page: { name: Acme }\n');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ hello: 'world' }));
    expect(await run('import', bad)).toBe(1);
    expect(err).toContain('bad.json');
    expect(err).toContain('incidents');
  });
});
