import { Option, type Command } from 'commander';
import { loadBeaconConfig } from '../config/beacon-config.js';
import { API_KEY_SCOPES, type ApiKeyScope } from '../domain/permissions.js';
import { systemClock } from '../lib/clock.js';
import { EventBus } from '../lib/events.js';
import { silentLogger } from '../lib/logger.js';
import { createApiKey } from '../services/auth/create-api-key.js';
import { openStore } from '../services/open-store.js';
import { preparePage } from '../services/prepare-page.js';

export function registerTokenCommand(program: Command, env: NodeJS.ProcessEnv): void {
  const token = program.command('token').description('manage API keys');
  token
    .command('create')
    .description('mint an API key for the manage API; prints it once')
    .requiredOption('--name <name>', 'what will use the key, e.g. "deploy pipeline"')
    .addOption(
      new Option('--scope <scope>', 'read: read only; write: incidents, components and the page')
        .choices(API_KEY_SCOPES)
        .default('write'),
    )
    .option('--config <file>', 'beacon.yaml to use')
    .option('--data-dir <dir>', 'where the SQLite database lives')
    .action(async (flags: { name: string; scope: ApiKeyScope; config?: string; dataDir?: string }) => {
      const config = loadBeaconConfig(env, flags);
      const store = await openStore(config);
      try {
        await preparePage(store, config, systemClock, silentLogger());
        const ctx = { store, clock: systemClock, events: new EventBus() };
        const { key, apiKey } = await createApiKey(
          ctx,
          { kind: 'system', name: 'cli' },
          { name: flags.name, scope: flags.scope },
        );
        process.stdout.write(
          `Created ${apiKey.scope} API key "${apiKey.name}" (id ${apiKey.id}). It is shown only now; store it somewhere safe:\n\n  ${key}\n\n` +
            `Send it with each request as:\n\n  Authorization: OAuth ${key}\n\n(or "Authorization: Bearer ${key}")\n`,
        );
      } finally {
        await store.close();
      }
    });
}
