import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/config-error.js';
import { toError } from '../lib/to-error.js';
import { registerCheckCommand } from './check-command.js';
import { registerImportCommand } from './import-command.js';
import { registerMigrateCommand } from './migrate-command.js';
import { registerServeCommand } from './serve-command.js';
import { registerTokenCommand } from './token-command.js';
import { registerUserCommand } from './user-command.js';

/** `beacon …`: thin commands over services. Returns the exit code. */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const program = new Command('beacon')
    .description('Beacon: status page, uptime monitor and incident communication')
    .exitOverride()
    .showHelpAfterError();
  registerServeCommand(program, env);
  registerMigrateCommand(program, env);
  registerImportCommand(program, env);
  registerCheckCommand(program, env);
  registerUserCommand(program, env);
  registerTokenCommand(program, env);
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      return 78;
    }
    process.stderr.write(`beacon: ${toError(e).message}\n`);
    return 1;
  }
}
