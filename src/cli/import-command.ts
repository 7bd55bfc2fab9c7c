import type { Command } from 'commander';
import { loadBeaconConfig } from '../config/beacon-config.js';
import { systemClock } from '../lib/clock.js';
import { silentLogger } from '../lib/logger.js';
import { importHistory } from '../services/import-history.js';
import { readImportFile } from '../services/import/read-import-file.js';
import { openStore } from '../services/open-store.js';
import { preparePage } from '../services/prepare-page.js';

export function registerImportCommand(program: Command, env: NodeJS.ProcessEnv): void {
  program
    .command('import')
    .description('load incident history: Beacon YAML/JSON or a Statuspage v2 summary.json / incidents.json')
    .argument('<file>', 'the file to import')
    .option('--config <file>', 'beacon.yaml to use')
    .option('--data-dir <dir>', 'where the SQLite database lives')
    .action(async (file: string, flags: { config?: string; dataDir?: string }) => {
      const config = loadBeaconConfig(env, flags);
      const document = readImportFile(file);
      const store = await openStore(config);
      try {
        const pageId = await preparePage(store, config, systemClock, silentLogger());
        const result = await importHistory(store, pageId, document, systemClock);
        process.stdout.write(
          `imported ${file}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged\n`,
        );
        if (result.unknownComponents.length > 0) {
          process.stdout.write(
            `skipped unknown components (add them to ${config.configFile} and import again): ${result.unknownComponents.join(', ')}\n`,
          );
        }
      } finally {
        await store.close();
      }
    });
}
