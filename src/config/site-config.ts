import { Info } from 'luxon';
import { z } from 'zod';
import { alertConfigSchema } from './alerts-config.js';
import { monitorConfigSchema } from './monitor-config.js';

export { monitorConfigSchema };

// What users write in beacon.yaml (the page and its components); runtime settings come from env and flags.
const keySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-_]*$/, 'a key is lowercase letters, digits, "-" and "_", e.g. "chatbot-engine"');

const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'write the date as YYYY-MM-DD, e.g. 2024-02-01')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a real calendar date');

export const componentConfigSchema = z
  .object({
    name: z.string().trim().min(1, 'a component needs a name'),
    key: keySchema.optional(),
    description: z.string().optional(),
    start_date: dateSchema.optional(),
    showcase: z.boolean().optional(),
    only_show_if_degraded: z.boolean().optional(),
    depends_on: z.array(keySchema).optional(),
    monitors: z.array(monitorConfigSchema).optional(),
    /** What the monitors do when this component fails: nothing, a draft to publish, or a published incident. */
    auto_incident: z
      .enum(['off', 'draft', 'publish'], { error: 'auto_incident must be off, draft or publish' })
      .optional(),
    /** Resolve the automatic incident once every component in it is operational again. */
    auto_resolve: z.boolean().optional(),
  })
  .strict();

export const groupConfigSchema = z
  .object({
    group: z.string().trim().min(1, 'a group needs a name'),
    key: keySchema.optional(),
    description: z.string().optional(),
    components: z.array(componentConfigSchema).min(1, 'a group needs at least one component'),
  })
  .strict();

const weightSchema = z.number().min(0).max(1);

export const siteConfigSchema = z
  .object({
    page: z
      .object({
        name: z.string().trim().min(1, 'the page needs a name'),
        url: z.url({ error: 'url must be an absolute URL, e.g. https://status.example.com' }).optional(),
        time_zone: z
          .string()
          .refine(
            (zone) => Info.isValidIANAZone(zone),
            'time_zone must be an IANA zone name, e.g. Europe/Amsterdam',
          )
          .default('Etc/UTC'),
        locale: z.string().default('en'),
      })
      .strict(),
    components: z.array(z.unknown()).default([]),
    imports: z.array(z.string()).default([]),
    uptime: z
      .object({
        weights: z
          .object({
            major_outage: weightSchema.default(1),
            partial_outage: weightSchema.default(0.3),
            degraded_performance: weightSchema.default(0),
            under_maintenance: weightSchema.default(0),
          })
          .strict()
          .default({ major_outage: 1, partial_outage: 0.3, degraded_performance: 0, under_maintenance: 0 }),
      })
      .strict()
      .default({
        weights: { major_outage: 1, partial_outage: 0.3, degraded_performance: 0, under_maintenance: 0 },
      }),
    /** Operator channels: Slack, Discord, Teams, Telegram, ntfy, webhook, email. */
    alerts: z.array(alertConfigSchema).default([]),
  })
  .strict();

export type ComponentConfig = z.infer<typeof componentConfigSchema>;
export type GroupConfig = z.infer<typeof groupConfigSchema>;
export type MonitorConfig = z.infer<typeof monitorConfigSchema>;
export type ComponentEntryConfig = GroupConfig | ComponentConfig;

export interface SiteConfig extends Omit<z.infer<typeof siteConfigSchema>, 'components' | 'imports'> {
  readonly components: readonly ComponentEntryConfig[];
  /** Absolute paths of history files to import at start. */
  readonly imports: readonly string[];
}

export function isGroupConfig(entry: ComponentEntryConfig): entry is GroupConfig {
  return 'group' in entry;
}
