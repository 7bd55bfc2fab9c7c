import type { Command } from 'commander';
import { loadBeaconConfig } from '../config/beacon-config.js';
import { isGroupConfig } from '../config/site-config.js';

export function registerCheckCommand(program: Command, env: NodeJS.ProcessEnv): void {
  program
    .command('check')
    .description('validate the configuration and list what it declares')
    .option('--config <file>', 'beacon.yaml to check')
    .action((flags: { config?: string }) => {
      const config = loadBeaconConfig(env, flags);
      const rows: string[][] = [];
      for (const entry of config.site.components) {
        if (isGroupConfig(entry)) {
          rows.push([entry.group, 'group', '']);
          for (const c of entry.components) rows.push([`  ${c.name}`, 'component', String(c.monitors?.length ?? 0)]);
        } else rows.push([entry.name, 'component', String(entry.monitors?.length ?? 0)]);
      }
      process.stdout.write(`${config.configFile} is valid: page "${config.site.page.name}" (${config.site.page.time_zone})\n`);
      process.stdout.write(formatTable(['component', 'kind', 'monitors'], rows));
    });
}

function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}
