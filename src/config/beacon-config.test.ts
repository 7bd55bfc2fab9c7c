import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoConfigFile, loadBeaconConfig, redactConfig } from './beacon-config.js';
import { ConfigError } from './config-error.js';

const emptyDir = () => mkdtempSync(join(tmpdir(), 'beacon-config-'));

describe('loadBeaconConfig', () => {
  it('falls back to the bundled demo with the documented defaults', () => {
    const cwd = emptyDir();
    const config = loadBeaconConfig({}, {}, cwd);
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: join(cwd, 'data'),
      usingDemo: true,
      databaseUrl: null,
    });
    expect(config.configFile).toBe(demoConfigFile());
    expect(config.site.page.name).toBe('Watermelon');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('prefers ./beacon.yaml, then env, then flags', () => {
    const cwd = emptyDir();
    writeFileSync(join(cwd, 'beacon.yaml'), 'page: { name: Local }\n');
    writeFileSync(join(cwd, 'other.yaml'), 'page: { name: Other }\n');
    expect(loadBeaconConfig({}, {}, cwd).site.page.name).toBe('Local');
    expect(loadBeaconConfig({ BEACON_CONFIG: 'other.yaml', PORT: '8080' }, {}, cwd)).toMatchObject({
      port: 8080,
      usingDemo: false,
    });
    expect(loadBeaconConfig({ PORT: '8080' }, { port: '9090', host: '0.0.0.0' }, cwd)).toMatchObject({
      port: 9090,
      host: '0.0.0.0',
    });
  });

  it('reports every bad environment variable together, naming each', () => {
    const run = () =>
      loadBeaconConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' }, {}, emptyDir());
    expect(run).toThrow(ConfigError);
    try {
      run();
    } catch (e) {
      expect((e as ConfigError).problems.map((p) => p.path)).toEqual(['PORT', 'LOG_LEVEL', 'DATABASE_URL']);
    }
  });

  it('says which file is missing', () => {
    expect(() => loadBeaconConfig({ BEACON_CONFIG: '/nope/beacon.yaml' }, {}, emptyDir())).toThrow(
      /\/nope\/beacon\.yaml: cannot read the file/,
    );
  });

  it('redacts secrets when printed', () => {
    const config = loadBeaconConfig(
      { DATABASE_URL: 'postgres://u:hunter2@db/x', BEACON_SECRET: 's3cret' },
      {},
      emptyDir(),
    );
    const printed = JSON.stringify(redactConfig(config));
    expect(printed).not.toContain('hunter2');
    expect(printed).not.toContain('s3cret');
  });
});
