import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: ['*.password', '*.secret', '*.token', 'config.secret', 'config.databaseUrl', 'config.smtpUrl'],
      censor: '[redacted]',
    },
  });
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
