import type { FastifyInstance } from 'fastify';
import type { BeaconConfig } from './config/beacon-config.js';
import { DEFAULT_UPTIME_WEIGHTS } from './domain/uptime.js';
import { buildApp } from './http/build-app.js';
import { systemClock, type Clock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';
import { openStore } from './services/open-store.js';
import { preparePage } from './services/prepare-page.js';
import { PublicSnapshots } from './services/public-snapshots.js';
import type { Store } from './store/store.js';
import { warmPublicDocuments } from './http/public-documents.js';
import { EventBus } from './lib/events.js';
import { SECOND } from './lib/time.js';
import { toError } from './lib/to-error.js';
import { createSetupToken } from './services/auth/create-setup-token.js';
import { advanceMaintenances } from './services/incidents/advance-maintenances.js';
import type { ServiceContext } from './services/service-context.js';
import { startMonitoring } from './monitoring-runtime.js';
import { createChannels } from './notify/create-channels.js';
import { createMessageComposer } from './pages/mail/compose-message.js';
import { startNotifications } from './services/notifications/start-notifications.js';
import { createAlertChannels } from './services/alerts/create-alert-channels.js';
import { routeAlerts } from './services/alerts/route-alerts.js';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly snapshots: PublicSnapshots;
  readonly url: string;
  readonly ctx: ServiceContext;
  readonly pageId: string;
  close(): Promise<void>;
}

/** The composition root: config → store → services → snapshots → HTTP. */
export async function startServer(
  config: BeaconConfig,
  logger: Logger,
  clock: Clock = systemClock,
  listen = true,
): Promise<RunningServer> {
  const store = await openStore(config);
  try {
    const pageId = await preparePage(store, config, clock, logger);
    const baseUrl = (config.publicUrl ?? config.site.page.url ?? `http://localhost:${config.port}`).replace(
      /\/+$/,
      '',
    );
    const uptimeWeights = config.site.uptime.weights ?? DEFAULT_UPTIME_WEIGHTS;
    const snapshots = new PublicSnapshots({
      store,
      pageId,
      clock,
      logger,
      defaultUrl: baseUrl,
      warm: (snapshot) => warmPublicDocuments(snapshot, { uptimeWeights, baseUrl }),
    });
    await snapshots.refresh();
    snapshots.start();
    const events = new EventBus();
    const ctx: ServiceContext = { store, clock, events };
    const setupToken = await createSetupToken(ctx);
    if (setupToken !== null) {
      logger.warn(
        { url: `${baseUrl}/admin/setup?token=${setupToken}` },
        'no owner yet: finish setup at this address (or run beacon user create --email you@example.com --role owner)',
      );
    }
    // A change made in this process shows on the public page at once; other processes' within a poll.
    events.on('page:changed', () => void snapshots.refresh());
    const maintenanceTimer = setInterval(() => {
      advanceMaintenances(ctx, pageId).catch((e: unknown) =>
        logger.error({ err: toError(e) }, 'maintenance scheduling failed'),
      );
    }, 30 * SECOND);
    maintenanceTimer.unref();
    const monitoring = await startMonitoring(ctx, pageId, logger);
    const channels = createChannels(config, baseUrl);
    const alerts = routeAlerts({
      ctx,
      logger,
      baseUrl,
      channels: createAlertChannels(config.site.alerts, {
        mail: channels.channels.find((c) => c.kind === 'email') ?? null,
      }),
    });
    const notifications = startNotifications(ctx, {
      logger,
      compose: createMessageComposer({ baseUrl }),
      channels,
      worker: { onDelivery: alerts.deliveryWatcher() },
    });
    const secureCookies = !/^http:\/\/(localhost|127\.0\.0\.1)(:|\/|$)/.test(baseUrl);
    const app = await buildApp({
      logger,
      snapshots,
      uptimeWeights,
      baseUrl,
      trustProxy: config.trustProxy,
      operators: {
        ctx,
        pageId,
        snapshots,
        uptimeWeights,
        secureCookies,
        baseUrl,
        onHeartbeat: (id) => monitoring.runNow(id),
      },
    });
    let url = '';
    if (listen) {
      url = await app.listen({ port: config.port, host: config.host });
      logger.info(
        { url, database: store.dialect, page: config.site.page.name, config: config.configFile },
        'beacon is serving',
      );
    }
    return {
      app,
      store,
      snapshots,
      url,
      ctx,
      pageId,
      close: async () => {
        clearInterval(maintenanceTimer);
        await monitoring.stop();
        await notifications.stop();
        await alerts.stop();
        snapshots.stop();
        await app.close();
        await store.close();
      },
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}
