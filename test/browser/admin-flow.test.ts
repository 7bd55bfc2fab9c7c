import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBeaconConfig } from '../../src/config/beacon-config.js';
import { silentLogger } from '../../src/lib/logger.js';
import { startServer, type RunningServer } from '../../src/main.js';
import { createSetupToken } from '../../src/services/auth/index.js';
import { chromiumAvailable, launchChromium } from '../helpers/browser.js';

const ARTIFACTS = join(process.cwd(), 'test-results', 'screenshots');
const OWNER = { email: 'owner@example.com', password: 'correct horse battery staple' };
const INCIDENT = 'Chatbots and database slow';
const XSS = '<img src=x onerror=alert(1)><script>window.__xss=1</script>';

declare global {
  interface Window {
    __xss?: number;
  }
}

describe.skipIf(!chromiumAvailable)('the admin UI in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  let owner: BrowserContext;
  let page: Page;
  let incidentId = '';

  const shot = (p: Page, name: string) =>
    p.screenshot({ path: join(ARTIFACTS, `admin-${name}.png`), fullPage: true });
  const mainText = (p: Page) => p.locator('main').innerText();
  /** Submits with a button and waits for the page the 303 leads to. */
  const submit = async (p: Page, button: ReturnType<Page['getByRole']>) => {
    await Promise.all([p.waitForEvent('framenavigated'), button.click()]);
    await p.waitForLoadState('domcontentloaded');
  };
  const noHorizontalScroll = (p: Page) =>
    p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  const signIn = async (p: Page, email: string, password: string) => {
    await p.goto(`${server.url}/admin/login`);
    await p.getByLabel('Email').fill(email);
    await p.getByLabel('Password').fill(password);
    await submit(p, p.getByRole('button', { name: 'Sign in', exact: true }));
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'beacon-admin-'));
    const config = loadBeaconConfig({ BEACON_DATA_DIR: dataDir, PORT: '0' }, {}, dataDir);
    server = await startServer(config, silentLogger());
    browser = await launchChromium();
    // The admin works without JavaScript: the operator's browser runs none.
    owner = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    page = await owner.newPage();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sets up the owner with the one-time token, then signs in', async () => {
    const token = await createSetupToken(server.ctx);
    await page.goto(`${server.url}/admin/setup?token=${token}`);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel(/^Password/).fill(OWNER.password);
    await page.getByLabel('Repeat the password').fill(OWNER.password);
    await shot(page, 'setup');
    await submit(page, page.getByRole('button', { name: 'Create owner account' }));
    expect(page.url()).toBe(`${server.url}/admin/login`);
    expect(await mainText(page)).toContain('The owner account owner@example.com is ready');

    await signIn(page, OWNER.email, OWNER.password);
    expect(page.url()).toBe(`${server.url}/admin`);
    expect(await page.locator('h1').innerText()).toBe('Overview');
    expect(await mainText(page)).toMatch(/All systems operational/i);
    await shot(page, 'overview');
  });

  it('creates an incident with two components in partial outage that the public page shows within a second', async () => {
    await page.goto(`${server.url}/admin/incidents/new`);
    await page.getByLabel('Title').fill(INCIDENT);
    await page.getByLabel('Chatbot engine').selectOption('partial_outage');
    await page.getByLabel('Database').selectOption('partial_outage');
    await page.getByLabel('Message').fill('We are **investigating** slow answers.');
    await submit(page, page.getByRole('button', { name: 'Preview' }));
    expect(await page.locator('.preview strong').innerText()).toBe('investigating');
    expect(await page.getByLabel('Chatbot engine').inputValue()).toBe('partial_outage');
    await shot(page, 'incident-new');

    await submit(page, page.getByRole('button', { name: 'Create incident' }));
    expect(page.url()).toMatch(/\/admin\/incidents\/[a-z0-9]{12}$/);
    incidentId = page.url().split('/').pop() ?? '';
    const visitor = await browser.newPage({ javaScriptEnabled: false });
    const deadline = Date.now() + 1000;
    let shown = false;
    for (let n = 0; !shown && Date.now() < deadline; n++) {
      await visitor.goto(`${server.url}/?poll=${n}`);
      shown = (await visitor.locator('main').innerText()).includes(INCIDENT);
    }
    expect(shown, 'the public page shows the incident within a second').toBe(true);
    expect(await visitor.locator('main').innerText()).toMatch(/Minor service outage/i);
    await visitor.close();
  });

  it('posts updates through identified and monitoring, then resolves, restoring the components', async () => {
    for (const [status, label] of [
      ['identified', 'Identified'],
      ['monitoring', 'Monitoring'],
    ] as const) {
      const form = page.getByRole('form', { name: 'Post an update' });
      expect(await form.getByLabel(label, { exact: true }).isChecked(), `${label} is preselected`).toBe(true);
      await form.getByLabel('Message').fill(`The incident is now ${status}.`);
      await submit(page, form.getByRole('button', { name: 'Post update' }));
      expect(await mainText(page)).toContain(`Posted the “${label}” update.`);
    }
    await shot(page, 'incident');
    const resolve = page.getByRole('form', { name: 'Resolve incident' });
    for (const name of ['Chatbot engine', 'Database'])
      expect(await resolve.getByLabel(name).inputValue()).toBe('operational');
    await resolve.getByLabel('Message').fill('Everything works again.');
    await submit(page, resolve.getByRole('button', { name: 'Resolve incident' }));
    expect(await mainText(page)).toContain('Resolved: the update is posted.');
    await page.goto(`${server.url}/admin/components`);
    for (const name of ['Chatbot engine', 'Database'])
      expect(await page.getByLabel(name).inputValue()).toBe('operational');
  });

  it('writes and publishes a postmortem; history and the incident page show everything in order', async () => {
    await page.goto(`${server.url}/admin/incidents/${incidentId}/postmortem`);
    await page.getByRole('textbox', { name: 'Postmortem' }).fill('## Root cause\n\nA slow **query**.');
    await submit(page, page.getByRole('button', { name: 'Preview' }));
    expect(await page.locator('.preview strong').innerText()).toBe('query');
    await shot(page, 'postmortem');
    await submit(page, page.getByRole('button', { name: 'Save and publish' }));
    expect(await mainText(page)).toContain('Published the postmortem');

    const visitor = await browser.newPage({ javaScriptEnabled: false });
    await visitor.goto(`${server.url}/history`);
    expect(await visitor.locator('main').innerText()).toContain(INCIDENT);
    await visitor.getByRole('link', { name: INCIDENT }).first().click();
    await visitor.waitForLoadState('domcontentloaded');
    const text = await visitor.locator('main').innerText();
    const expected = [
      'Postmortem',
      'A slow query.',
      'Resolved',
      'Everything works again.',
      'Monitoring',
      'The incident is now monitoring.',
      'Identified',
      'The incident is now identified.',
      'Investigating',
      'We are investigating slow answers.',
    ];
    let from = 0;
    for (const part of expected) {
      const at = text.indexOf(part, from);
      expect(at, `"${part}" after position ${from} in: ${text}`).toBeGreaterThanOrEqual(0);
      from = at + part.length;
    }
    await visitor.screenshot({ path: join(ARTIFACTS, 'admin-public-incident.png'), fullPage: true });
    await visitor.close();
  });

  it('refuses a form post without the CSRF token', async () => {
    const response = await owner.request.post(`${server.url}/admin/incidents`, {
      form: { name: 'Forged', status: 'investigating', intent: 'create' },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain('did not come from this site');
    const list = await owner.request.get(`${server.url}/admin/incidents`);
    expect(await list.text()).not.toContain('Forged');
  });

  it('fits a 390 px wide screen', async () => {
    const phone = await owner.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    for (const [path, name] of [
      ['/admin', 'overview-phone'],
      [`/admin/incidents/${incidentId}`, 'incident-phone'],
      ['/admin/components', 'components-phone'],
      ['/admin/incidents/new', 'incident-new-phone'],
      ['/admin/audit', 'audit-phone'],
    ] as const) {
      await phone.goto(`${server.url}${path}`);
      expect(await noHorizontalScroll(phone), `${path} has no horizontal scrolling`).toBeLessThanOrEqual(0);
      await shot(phone, name);
    }
    await phone.close();
  });

  it('renders XSS payloads in every text field inert, in the admin and on the public page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p = await context.newPage();
    const dialogs: string[] = [];
    p.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signIn(p, OWNER.email, OWNER.password);

    await p.goto(`${server.url}/admin/templates`);
    await p.getByLabel('Template name').fill(`Tpl ${XSS}`);
    await p.getByLabel('Incident title').fill(`Title ${XSS}`);
    await p.getByLabel('Message').fill(`Body ${XSS} [x](javascript:alert(1))`);
    await submit(p, p.getByRole('button', { name: 'Add template' }));

    await p.goto(`${server.url}/admin/groups/new`);
    await p.getByLabel('Name').fill(`Group ${XSS}`);
    await p.getByLabel('Description').fill(`Group description ${XSS}`);
    await submit(p, p.getByRole('button', { name: 'Add group' }));

    await p.goto(`${server.url}/admin/components/new`);
    await p.getByLabel('Name').fill(`Component ${XSS}`);
    await p.getByLabel('Description').fill(`Component description ${XSS}`);
    await submit(p, p.getByRole('button', { name: 'Add component' }));

    await p.goto(`${server.url}/admin/incidents/new`);
    await p.getByRole('combobox', { name: 'Start from a template' }).selectOption({ label: `Tpl ${XSS}` });
    await submit(p, p.getByRole('button', { name: 'Use template' }));
    expect(await p.getByLabel('Title').inputValue()).toBe(`Title ${XSS}`);
    await p.getByLabel('Title').fill(`Incident ${XSS}`);
    await p.getByLabel('Message').fill(`First ${XSS} <iframe src="https://example.com"></iframe>`);
    await submit(p, p.getByRole('button', { name: 'Preview' }));
    await submit(p, p.getByRole('button', { name: 'Create incident' }));
    const xssIncident = p.url().split('/').pop() ?? '';
    const update = p.getByRole('form', { name: 'Post an update' });
    await update.getByLabel('Message').fill(`Update ${XSS}`);
    await submit(p, update.getByRole('button', { name: 'Post update' }));
    const resolve = p.getByRole('form', { name: 'Resolve incident' });
    await resolve.getByLabel('Message').fill(`Resolved ${XSS}`);
    await submit(p, resolve.getByRole('button', { name: 'Resolve incident' }));
    await p.goto(`${server.url}/admin/incidents/${xssIncident}/postmortem`);
    await p.getByRole('textbox', { name: 'Postmortem' }).fill(`Postmortem ${XSS}`);
    await submit(p, p.getByRole('button', { name: 'Save and publish' }));

    const pages = [
      '/admin',
      '/admin/incidents',
      `/admin/incidents/${xssIncident}`,
      `/admin/incidents/${xssIncident}/postmortem`,
      '/admin/components',
      '/admin/templates',
      '/admin/audit',
      '/',
      `/incidents/${xssIncident}`,
      '/history',
    ];
    for (const path of pages) {
      await p.goto(`${server.url}${path}`);
      expect(await p.evaluate(() => window.__xss), path).toBeUndefined();
      expect(await p.locator('img[onerror], iframe, script').count(), path).toBe(0);
      // Shown as text where it belongs (the overview lists no closed incident).
      if (path !== '/admin')
        expect(await p.locator('body').innerText(), path).toContain('<img src=x onerror=alert(1)>');
      if (path === `/admin/incidents/${xssIncident}`) await shot(p, 'xss-incident');
    }
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('locks an account after repeated wrong passwords and says until when', async () => {
    await page.goto(`${server.url}/admin/users`);
    await page.getByLabel('Email').fill('responder@example.com');
    await page.getByLabel('Role', { exact: true }).last().selectOption('responder');
    await submit(page, page.getByRole('button', { name: 'Add user' }));
    expect(await page.locator('#revealed-secret').innerText()).toMatch(/\S{12,}/);

    const context = await browser.newContext({ javaScriptEnabled: false });
    const p = await context.newPage();
    for (let i = 0; i < 5; i++) await signIn(p, 'responder@example.com', `wrong password number ${i}`);
    const text = await mainText(p);
    expect(text).toMatch(/Too many failed sign-ins: this account is locked until \d\d:\d\d/);
    expect(p.url()).toContain('/admin/login');
    await shot(p, 'locked');
    await context.close();
  });
});
