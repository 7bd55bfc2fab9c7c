// `npm run bench:notify`: one incident update fanned out through the outbox worker to 10,000 webhook
// subscribers (a local receiver) and to 100,000 email subscribers (smtp-server), each in another process.
// Reports messages per second, total time and RSS; loopback only; gives up after six minutes.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../src/lib/package-root.js';
import { MINUTE, SECOND } from '../src/lib/time.js';
import { toError } from '../src/lib/to-error.js';
import { killNotifyChildren, NotifyChild } from './notify-child.js';
import type { NotifyPhase, NotifySettings, PhaseReport } from './notify-messages.js';
import { FLAT_RSS_GROWTH_BYTES, formatNotifyTable, judge, NOTIFY_TARGETS } from './notify-report.js';

const BUDGET_MS = 6 * MINUTE;
const START_TIMEOUT_MS = 30 * SECOND;
/** Kept back from the budget for setup, reports and shutting children down. */
const MARGIN_MS = 45 * SECOND;
const SIZES: Readonly<Record<NotifyPhase, number>> = {
  webhook: wholeNumber('BENCH_NOTIFY_WEBHOOKS', 10_000),
  email: wholeNumber('BENCH_NOTIFY_EMAILS', 100_000),
};
const SETTINGS: NotifySettings = {
  concurrency: wholeNumber('BENCH_NOTIFY_CONCURRENCY', 64),
  ratePerSecond: wholeNumber('BENCH_NOTIFY_RATE', 5_000),
  smtpConnections: wholeNumber('BENCH_NOTIFY_SMTP_CONNECTIONS', 16),
  fanoutBatchSize: 500,
};
// Webhooks first: their run is short, and the mails get the rest of the budget.
const PHASES: readonly NotifyPhase[] = ['webhook', 'email'];

const startedAt = Date.now();

async function main(): Promise<void> {
  const machine = {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadAverageAtStart: Number(loadavg()[0]?.toFixed(2)),
  };
  console.log(
    `beacon notify bench: one incident update to ${SIZES.webhook.toLocaleString('en-US')} webhook and ` +
      `${SIZES.email.toLocaleString('en-US')} email subscribers, through the outbox worker (concurrency ${SETTINGS.concurrency}, ` +
      `${SETTINGS.ratePerSecond}/s per channel, ${SETTINGS.smtpConnections} SMTP connections), SQLite on disk.\n` +
      `${machine.cpus} CPU(s) (${machine.cpuModel}), Node ${machine.node}; receivers and Beacon share them. ` +
      `1-minute load average before starting: ${machine.loadAverageAtStart}.\n`,
  );
  const here = fileURLToPath(new URL('.', import.meta.url));
  const dataDir = mkdtempSync(join(tmpdir(), 'beacon-bench-notify-'));
  const smtp = new NotifyChild('smtp', join(here, 'notify-smtp.js'));
  const receiver = new NotifyChild('receiver', join(here, 'notify-receiver.js'));
  // Both waits start before either child can answer: a message with no one waiting is lost.
  const listening = Promise.all([
    smtp.next('listening', START_TIMEOUT_MS),
    receiver.next('listening', START_TIMEOUT_MS),
  ]);
  try {
    const [smtpPort, receiverPort] = (await listening).map((m) => m.port);
    const targets: Record<NotifyPhase, string> = {
      email: `smtp://127.0.0.1:${smtpPort}`,
      webhook: `http://127.0.0.1:${receiverPort}`,
    };
    console.log(
      `SMTP server pid ${smtp.pid} on ${targets.email}; webhook receiver pid ${receiver.pid} on ${targets.webhook}`,
    );
    const reports: PhaseReport[] = [];
    const received: Record<string, number> = {};
    for (const phase of PHASES) {
      const remainingMs = BUDGET_MS - MARGIN_MS - (Date.now() - startedAt);
      if (remainingMs <= 10 * SECOND) {
        console.log(`[${phase}] skipped: the six-minute budget is used up`);
        continue;
      }
      const peer = phase === 'email' ? smtp : receiver;
      const before = await count(peer);
      reports.push(await runPhase(here, phase, targets[phase], dataDir, remainingMs));
      received[phase] = (await count(peer)) - before;
    }
    console.log(`\n${formatNotifyTable(reports)}\n`);
    for (const r of reports) {
      const seen = received[r.phase] ?? 0;
      console.log(
        `${r.phase}: setup ${r.setupSeconds.toFixed(1)} s (not measured); fan-out written in ${r.fanoutSeconds?.toFixed(1) ?? '-'} s; ` +
          `first delivery after ${r.firstDeliveryMs?.toFixed(0) ?? '-'} ms; ${r.failed} failed, ${r.retries} retried; ` +
          `RSS warm-up +${mb(judge(r).warmUpGrowthBytes)}, second half +${mb(judge(r).secondHalfGrowthBytes)}, heap used at the end ${mb(r.heapUsedEndBytes)}; ` +
          `the ${r.phase === 'email' ? 'SMTP server' : 'receiver'} counted ${seen.toLocaleString('en-US')}` +
          (r.failureReasons.length > 0 ? `; reasons: ${r.failureReasons.join(' | ')}` : ''),
      );
    }
    console.log(
      `targets: ${NOTIFY_TARGETS.email.messages.toLocaleString('en-US')} mails under ${NOTIFY_TARGETS.email.seconds} s, ` +
        `${NOTIFY_TARGETS.webhook.messages.toLocaleString('en-US')} webhooks under ${NOTIFY_TARGETS.webhook.seconds} s ` +
        `(scaled to smaller runs); memory flat: after the warm-up (start to middle), RSS grows less than ` +
        `${FLAT_RSS_GROWTH_BYTES / 1024 / 1024} MB from the middle to the end and to the highest sample after the middle.`,
    );

    const resultsDir = join(packageRoot(), 'dist', 'bench-results');
    mkdirSync(resultsDir, { recursive: true });
    const resultsFile = join(resultsDir, 'notify-latest.json');
    const phases = reports.map((r) => ({
      ...r,
      receivedByPeer: received[r.phase] ?? null,
      verdict: judge(r),
    }));
    writeFileSync(
      resultsFile,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          machine,
          settings: SETTINGS,
          sizes: SIZES,
          targets: NOTIFY_TARGETS,
          phases,
        },
        null,
        2,
      ) + '\n',
    );
    console.log(`\nresults written to ${resultsFile}`);
  } finally {
    await Promise.all([smtp.stop(), receiver.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runPhase(
  here: string,
  phase: NotifyPhase,
  targetUrl: string,
  dataDir: string,
  remainingMs: number,
): Promise<PhaseReport> {
  const label = `[${phase}]`;
  const beacon = new NotifyChild(`beacon:${phase}`, join(here, 'notify-beacon.js'), (message) => {
    if (message.kind === 'progress')
      console.log(
        `${label} ${message.sent.toLocaleString('en-US')} of ${message.of.toLocaleString('en-US')} sent after ${message.seconds.toFixed(0)} s`,
      );
  });
  try {
    await beacon.next('ready', START_TIMEOUT_MS);
    const deadlineMs = remainingMs - 15 * SECOND;
    console.log(
      `${label} Beacon child pid ${beacon.pid}: ${SIZES[phase].toLocaleString('en-US')} subscribers, stops after ${(deadlineMs / SECOND).toFixed(0)} s at most`,
    );
    const reply = beacon.next('report', remainingMs);
    beacon.send({
      kind: 'run',
      phase,
      subscribers: SIZES[phase],
      targetUrl,
      dataDir,
      deadlineMs,
      settings: SETTINGS,
    });
    const { report } = await reply;
    console.log(
      `${label} ${report.sent.toLocaleString('en-US')} sent in ${report.seconds.toFixed(1)} s (${report.messagesPerSecond.toFixed(0)}/s)` +
        (report.complete ? '' : ' — stopped at the deadline, incomplete'),
    );
    return report;
  } finally {
    await beacon.stop();
  }
}

async function count(peer: NotifyChild): Promise<number> {
  const reply = peer.next('count', START_TIMEOUT_MS);
  peer.send({ kind: 'count' });
  return (await reply).messages;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function wholeNumber(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number above 0, got "${text}"`);
  return value;
}

// Bounded: whatever happens, the run ends within six minutes and takes its children with it.
setTimeout(() => {
  console.error(`bench:notify: still running after ${BUDGET_MS / SECOND} s; giving up`);
  killNotifyChildren();
  process.exit(1);
}, BUDGET_MS).unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killNotifyChildren();
    process.exit(130);
  });
}
process.once('exit', killNotifyChildren);

main().catch((e: unknown) => {
  console.error(`bench:notify failed: ${toError(e).stack ?? toError(e).message}`);
  killNotifyChildren();
  process.exitCode = 1;
});
