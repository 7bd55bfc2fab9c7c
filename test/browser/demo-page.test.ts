import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBeaconConfig } from '../../src/config/beacon-config.js';
import { silentLogger } from '../../src/lib/logger.js';
import { startServer, type RunningServer } from '../../src/main.js';
import { chromiumAvailable, launchChromium } from '../helpers/browser.js';

const ARTIFACTS = join(process.cwd(), 'test-results', 'screenshots');

describe.skipIf(!chromiumAvailable)('the demo page in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'beacon-browser-'));
    const config = loadBeaconConfig({ BEACON_DATA_DIR: dataDir, PORT: '0' }, {}, dataDir);
    server = await startServer(config, silentLogger());
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const [label, width] of [
    ['desktop', 1280],
    ['phone', 390],
  ] as const) {
    it(`shows the banner, the groups, every component and the history at ${width} px`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 }, javaScriptEnabled: false });
      const response = await page.goto(server.url);
      expect(response?.status()).toBe(200);
      await expect(page.title()).resolves.toContain('Watermelon');
      const main = page.locator('main');
      await expect(main.getByRole('status').first().innerText()).resolves.toMatch(/All systems operational/i);
      const text = await main.innerText();
      for (const name of ['Platform', 'Channels', 'Apps']) expect(text).toContain(name);
      const components = [
        'Chatbot engine',
        'Database',
        'App Engine',
        'Compute Engine',
        'Website Widget',
        'Facebook Messenger',
        'WhatsApp',
        'Instagram',
        'Stripe API',
        'API',
        'iOS app',
        'Mac App',
        'Windows app',
      ];
      const positions = components.map((name) => text.indexOf(name));
      expect(
        positions.every((p) => p >= 0),
        `all components shown: ${components.join(', ')}`,
      ).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(text).toContain('No notices reported this month');
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, 'no horizontal scrolling').toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(ARTIFACTS, `demo-home-${label}.png`), fullPage: true });

      await page.goto(`${server.url}/history?from=2024-02`);
      await page.getByRole('link', { name: 'Outage of Conversations and Pulse overview' }).first().click();
      await expect(page.locator('h1').innerText()).resolves.toContain(
        'Outage of Conversations and Pulse overview',
      );
      const incident = await page.locator('main').innerText();
      for (const heading of [
        'Postmortem',
        'Resolved',
        'Monitoring',
        'Identified',
        'Investigating',
        'Root Cause Analysis',
      ]) {
        expect(incident).toContain(heading);
      }
      await page.screenshot({ path: join(ARTIFACTS, `demo-incident-${label}.png`), fullPage: true });
      await page.close();
    });
  }
});
