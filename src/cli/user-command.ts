import { Option, type Command } from 'commander';
import { loadBeaconConfig } from '../config/beacon-config.js';
import { ROLES, type Role } from '../domain/permissions.js';
import { systemClock } from '../lib/clock.js';
import { EventBus } from '../lib/events.js';
import { silentLogger } from '../lib/logger.js';
import { createUser } from '../services/auth/create-user.js';
import { openStore } from '../services/open-store.js';
import { preparePage } from '../services/prepare-page.js';

export function registerUserCommand(program: Command, env: NodeJS.ProcessEnv): void {
  const user = program.command('user').description('manage operator accounts');
  user
    .command('create')
    .description('add an operator; prints a one-time password')
    .requiredOption('--email <email>', 'their email address (they sign in with it)')
    .addOption(new Option('--role <role>', 'what they may do').choices(ROLES).makeOptionMandatory())
    .option('--config <file>', 'beacon.yaml to use')
    .option('--data-dir <dir>', 'where the SQLite database lives')
    .action(async (flags: { email: string; role: Role; config?: string; dataDir?: string }) => {
      const config = loadBeaconConfig(env, flags);
      const store = await openStore(config);
      try {
        await preparePage(store, config, systemClock, silentLogger());
        const ctx = { store, clock: systemClock, events: new EventBus() };
        const { user: created, oneTimePassword } = await createUser(
          ctx,
          { kind: 'system', name: 'cli' },
          { email: flags.email, role: flags.role },
        );
        process.stdout.write(
          `Created ${created.role} ${created.email}. One-time password: ${oneTimePassword ?? ''} (change it after the first sign-in)\n`,
        );
      } finally {
        await store.close();
      }
    });
}
