import type { Command } from 'commander';
import { loadBeaconConfig } from '../config/beacon-config.js';
import { createLogger } from '../lib/logger.js';
import { startServer } from '../main.js';

export function registerServeCommand(program: Command, env: NodeJS.ProcessEnv): void {
  program
    .command('serve')
    .description('serve the status page, the APIs and the admin UI')
    .option('--config <file>', 'beacon.yaml to use (default: BEACON_CONFIG, ./beacon.yaml, else the demo)')
    .option('--port <n>', 'port to listen on (default: PORT or 3000)')
    .option('--host <h>', 'address to listen on (default: HOST or 127.0.0.1)')
    .option('--data-dir <dir>', 'where the SQLite database lives (default: BEACON_DATA_DIR or ./data)')
    .action(async (flags: { config?: string; port?: string; host?: string; dataDir?: string }) => {
      const config = loadBeaconConfig(env, flags);
      const logger = createLogger(config.logLevel);
      if (config.usingDemo)
        logger.info({ config: config.configFile }, 'no beacon.yaml here: serving the bundled demo');
      const server = await startServer(config, logger);
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          logger.info({ signal }, 'shutting down');
          server.close().then(resolve, (e: unknown) => {
            logger.error({ err: e }, 'shutdown failed');
            resolve();
          });
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
    });
}
