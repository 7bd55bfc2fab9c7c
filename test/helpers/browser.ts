import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.BEACON_CHROMIUM ?? '/usr/bin/chromium';
const mandatory = process.env.CI === 'true';

export const chromiumAvailable = existsSync(CHROMIUM_PATH);
if (!chromiumAvailable) {
  if (mandatory)
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}; with CI=true the browser tests are mandatory (apt-get install chromium)`,
    );
  console.warn(
    `\n[beacon tests] Chromium not found at ${CHROMIUM_PATH}: SKIPPING the browser tests (apt-get install chromium)\n`,
  );
}

/** Debian's Chromium, headless, with nothing that reaches out to the network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}
