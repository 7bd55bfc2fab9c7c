import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../lib/package-root.js';
import { ConfigError, type ConfigProblem } from './config-error.js';
import { loadSiteConfig } from './load-site-config.js';
import type { SiteConfig } from './site-config.js';

/** Runtime settings: defaults < config file < environment < command-line flags. Frozen after load. */
export interface BeaconConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly configFile: string;
  readonly usingDemo: boolean;
  readonly databaseUrl: string | null;
  readonly secret: string | null;
  readonly publicUrl: string | null;
  readonly smtpUrl: string | null;
  readonly mailFrom: string | null;
  /** BEACON_ALLOW_PRIVATE_WEBHOOKS: let subscribers' webhooks reach loopback and private networks. */
  readonly allowPrivateWebhooks: boolean;
  readonly logLevel: string;
  /** false, true (any proxy) or a comma list of proxy addresses/CIDRs whose X-Forwarded-For is believed. */
  readonly trustProxy: boolean | string;
  readonly site: SiteConfig;
}

export interface ConfigFlags {
  readonly config?: string;
  readonly port?: string | number;
  readonly host?: string;
  readonly dataDir?: string;
}

export function demoConfigFile(): string {
  return join(packageRoot(), 'examples', 'watermelon', 'beacon.yaml');
}

const portSchema = z.coerce.number().int().min(0).max(65535);
const logLevelSchema = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** The only reader of process.env: pass `env` in. */
export function loadBeaconConfig(
  env: NodeJS.ProcessEnv,
  flags: ConfigFlags = {},
  cwd = process.cwd(),
): BeaconConfig {
  const problems: ConfigProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ file: null, line: null, path, message });

  const explicit = flags.config ?? nonEmpty(env.BEACON_CONFIG);
  let configFile: string;
  let usingDemo = false;
  if (explicit !== undefined) configFile = isAbsolute(explicit) ? explicit : resolve(cwd, explicit);
  else if (existsSync(resolve(cwd, 'beacon.yaml'))) configFile = resolve(cwd, 'beacon.yaml');
  else {
    configFile = demoConfigFile();
    usingDemo = true;
  }

  const portText = flags.port ?? nonEmpty(env.PORT) ?? 3000;
  const port = portSchema.safeParse(portText);
  if (!port.success)
    problem(
      flags.port !== undefined ? '--port' : 'PORT',
      `must be a port number from 0 to 65535, got "${String(portText)}"`,
    );
  const logLevel = logLevelSchema.safeParse(nonEmpty(env.LOG_LEVEL) ?? 'info');
  if (!logLevel.success) problem('LOG_LEVEL', `must be one of ${logLevelSchema.options.join(', ')}`);
  const databaseUrl = nonEmpty(env.DATABASE_URL) ?? null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problem(
      'DATABASE_URL',
      'must be a postgres:// or postgresql:// URL; unset it to use the embedded SQLite database',
    );
  }
  const publicUrl = nonEmpty(env.BEACON_PUBLIC_URL) ?? null;
  if (publicUrl !== null && !URL.canParse(publicUrl))
    problem('BEACON_PUBLIC_URL', 'must be an absolute URL, e.g. https://status.example.com');
  const smtpUrl = nonEmpty(env.BEACON_SMTP_URL) ?? null;
  if (smtpUrl !== null && !/^smtps?:\/\//.test(smtpUrl))
    problem('BEACON_SMTP_URL', 'must look like smtp://user:password@host:587');
  const allowPrivate = (nonEmpty(env.BEACON_ALLOW_PRIVATE_WEBHOOKS) ?? 'false').trim().toLowerCase();
  if (!['true', 'false', '1', '0'].includes(allowPrivate))
    problem('BEACON_ALLOW_PRIVATE_WEBHOOKS', 'must be true or false');

  let site: SiteConfig | undefined;
  try {
    site = loadSiteConfig(configFile);
  } catch (e) {
    if (e instanceof ConfigError) problems.push(...e.problems);
    else throw e;
  }
  if (problems.length > 0 || site === undefined || !port.success || !logLevel.success)
    throw new ConfigError(problems);

  const dataDir = flags.dataDir ?? nonEmpty(env.BEACON_DATA_DIR) ?? './data';
  return Object.freeze({
    port: port.data,
    host: flags.host ?? nonEmpty(env.HOST) ?? '127.0.0.1',
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(cwd, dataDir),
    configFile,
    usingDemo,
    databaseUrl,
    secret: nonEmpty(env.BEACON_SECRET) ?? null,
    publicUrl,
    smtpUrl,
    mailFrom: nonEmpty(env.BEACON_MAIL_FROM) ?? null,
    allowPrivateWebhooks: allowPrivate === 'true' || allowPrivate === '1',
    logLevel: logLevel.data,
    trustProxy: parseTrustProxy(nonEmpty(env.BEACON_TRUST_PROXY)),
    site,
  });
}

/** The config with secrets replaced, for logs and `beacon check`. */
export function redactConfig(config: BeaconConfig): Record<string, unknown> {
  const hidden = (value: string | null) => (value === null ? null : '[redacted]');
  const { site: _site, ...rest } = config;
  return {
    ...rest,
    databaseUrl:
      config.databaseUrl === null ? null : config.databaseUrl.replace(/\/\/[^@/]*@/, '//[redacted]@'),
    secret: hidden(config.secret),
    smtpUrl: config.smtpUrl === null ? null : config.smtpUrl.replace(/\/\/[^@/]*@/, '//[redacted]@'),
  };
}

function parseTrustProxy(value: string | undefined): boolean | string {
  if (value === undefined || value === 'false') return false;
  return value === 'true' ? true : value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
