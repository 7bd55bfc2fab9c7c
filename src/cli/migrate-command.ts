import type { Command } from 'commander';
import { loadBeaconConfig } from '../config/beacon-config.js';
import { openStore } from '../services/open-store.js';

export function registerMigrateCommand(program: Command, env: NodeJS.ProcessEnv): void {
  program
    .command('migrate')
    .description('bring the database schema up to date (serve does this too)')
    .option('--config <file>', 'beacon.yaml to use')
    .option('--data-dir <dir>', 'where the SQLite database lives')
    .action(async (flags: { config?: string; dataDir?: string }) => {
      const config = loadBeaconConfig(env, flags);
      const store = await openStore(config);
      await store.close();
      process.stdout.write(`database is up to date (${store.dialect})\n`);
    });
}
