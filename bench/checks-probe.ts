import { existsSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CheckResult } from '../src/domain/check-result.js';
import type { HttpSpec } from '../src/domain/monitor.js';
import { packageRoot } from '../src/lib/package-root.js';
import { toError } from '../src/lib/to-error.js';

/** What makes the requests in the bench: the project's HTTP probe when it is there and works, else node:http. */
export interface BenchProbe {
  readonly name: string;
  run(signal: AbortSignal): Promise<CheckResult>;
  close(): void;
}

type HttpProbe = (
  spec: HttpSpec,
  context: { readonly signal: AbortSignal; readonly timeoutMs: number; readonly now: () => number },
) => Promise<CheckResult>;

const PROJECT_PROBE_SOURCE = 'src/checks/http-probe.ts';

export async function chooseProbe(url: string, timeoutMs: number): Promise<BenchProbe> {
  const project = await loadProjectProbe();
  if (typeof project === 'string') return nodeHttpProbe(url, `project probe not used: ${project}`);
  const spec = httpSpec(url);
  const probe: BenchProbe = {
    name: `project httpProbe (${PROJECT_PROBE_SOURCE})`,
    run: (signal) => project(spec, { signal, timeoutMs, now: Date.now }),
    close: () => undefined,
  };
  const check = await probe.run(new AbortController().signal);
  if (check.status !== 'up')
    return nodeHttpProbe(url, `project probe not used: it answered ${check.status} "${check.reason}"`);
  return probe;
}

async function loadProjectProbe(): Promise<HttpProbe | string> {
  if (!existsSync(join(packageRoot(), PROJECT_PROBE_SOURCE))) return `${PROJECT_PROBE_SOURCE} does not exist`;
  try {
    // Loaded by path at run time so the bench builds whether or not the probe exists yet.
    const module = (await import(new URL('../src/checks/http-probe.js', import.meta.url).href)) as {
      httpProbe?: unknown;
    };
    if (typeof module.httpProbe !== 'function') return 'http-probe.js exports no httpProbe function';
    return module.httpProbe as HttpProbe;
  } catch (e) {
    return `http-probe.js did not load: ${toError(e).message}`;
  }
}

function httpSpec(url: string): HttpSpec {
  return {
    type: 'http',
    url,
    method: 'GET',
    headers: {},
    body: null,
    acceptedStatus: [[200, 299]],
    keyword: null,
    keywordAbsent: false,
    regex: null,
    jsonPath: null,
    jsonExpected: null,
    degradedAboveMs: null,
    maxRedirects: 0,
    verifyTls: true,
    certExpiryWarningDays: null,
    maxBodyBytes: 64 * 1024,
  };
}

/** A plain GET over a keep-alive agent: status 2xx is up. */
function nodeHttpProbe(url: string, why: string): BenchProbe {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  return {
    name: `node:http GET, keep-alive agent (${why})`,
    run: (signal) =>
      new Promise<CheckResult>((resolve) => {
        const startedAt = performance.now();
        const request = get(url, { agent, signal }, (response) => {
          const status = response.statusCode ?? 0;
          response.resume();
          response.once('end', () => {
            const latencyMs = Math.round(performance.now() - startedAt);
            resolve({
              status: status >= 200 && status < 300 ? 'up' : 'down',
              reason: `HTTP ${status}`,
              latencyMs,
            });
          });
          response.once('error', (e) => resolve({ status: 'down', reason: e.message, latencyMs: null }));
        });
        request.once('error', (e) => resolve({ status: 'down', reason: e.message, latencyMs: null }));
      }),
    close: () => agent.destroy(),
  };
}
