import type { Logger } from '../../lib/logger.js';
import { toError } from '../../lib/to-error.js';
import type { AlertChannel } from '../../notify/channels/alert-channel.js';
import type { OperatorAlert, OperatorAlertKind } from '../../notify/channels/operator-alert.js';
import type { DeliveryEvent } from '../../notify/outbox-worker.js';
import type { ServiceContext } from '../service-context.js';
import { AlertDeduper, alertKey, DEDUPE_WINDOW_MS } from './alert-deduper.js';
import './alert-events.js';
import { listenForAlertSignals } from './alert-signals.js';
import { buildOperatorAlert, type AlertSignal } from './build-operator-alert.js';
import { DirectAlertSender } from './send-alerts-directly.js';
import { silencedComponentIds } from './silenced-components.js';
import { watchDeliveries } from './watch-deliveries.js';

/** A configured channel and the alert kinds it listens for. */
export interface RoutedChannel {
  readonly channel: AlertChannel;
  readonly events: readonly OperatorAlertKind[];
}

/** How routed alerts leave: the outbox (at least once, across restarts) or this process. */
export interface AlertDelivery {
  send(alert: OperatorAlert, channel: AlertChannel): void;
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export interface AlertRouterOptions {
  readonly ctx: ServiceContext;
  readonly channels: readonly RoutedChannel[];
  readonly logger: Logger;
  /** BEACON_PUBLIC_URL or the page URL: links in alerts; null sends none. */
  readonly baseUrl: string | null;
  /** Defaults to sending directly with retries. */
  readonly delivery?: AlertDelivery;
  readonly dedupeWindowMs?: number;
}

export type RouteOutcome =
  | { readonly routed: true; readonly alert: OperatorAlert; readonly channels: number }
  | { readonly routed: false; readonly why: 'gone' | 'maintenance' | 'duplicate' | 'no_channel' };

/**
 * Operator alert routing: hears monitor, draft and delivery events, builds the alert, drops it when every
 * one of its components is under maintenance or when the same alert went out within five minutes, and
 * hands it to each channel that listens for its kind.
 */
export class AlertRouter {
  readonly #options: AlertRouterOptions;
  readonly #delivery: AlertDelivery;
  readonly #deduper: AlertDeduper;
  readonly #inFlight = new Map<string, Promise<RouteOutcome>>();
  readonly #routing = new Set<Promise<unknown>>();
  #unsubscribe: (() => void) | null = null;

  constructor(options: AlertRouterOptions) {
    this.#options = options;
    this.#delivery =
      options.delivery ?? new DirectAlertSender({ events: options.ctx.events, logger: options.logger });
    this.#deduper = new AlertDeduper(options.ctx.clock, options.dedupeWindowMs ?? DEDUPE_WINDOW_MS);
  }

  /** Starts listening to the event bus (not at all when no channel is configured). */
  start(): this {
    if (this.#options.channels.length === 0) return this;
    this.#unsubscribe ??= listenForAlertSignals(this.#options.ctx, (signal) => this.notice(signal));
    return this;
  }

  /** Routes a signal in the background (failures are logged); `idle()` waits for it. */
  notice(signal: AlertSignal | Promise<AlertSignal | null>): void {
    const routing = Promise.resolve(signal)
      .then((found) => (found === null ? null : this.route(found)))
      .catch((e: unknown) =>
        this.#options.logger.error({ err: toError(e) }, 'operator alert routing failed'),
      );
    this.#routing.add(routing);
    void routing.finally(() => this.#routing.delete(routing));
  }

  /** For OutboxWorker's `onDelivery`: alerts when most subscriber deliveries of a channel fail. */
  deliveryWatcher(): (event: DeliveryEvent) => void {
    return watchDeliveries(this.#options.ctx.clock, (signal) => this.notice(signal));
  }

  /** Routes one signal; identical signals arriving while one is being routed share its outcome. */
  route(signal: AlertSignal): Promise<RouteOutcome> {
    const key = signalKey(signal);
    const running = this.#inFlight.get(key);
    if (running !== undefined)
      return running.then((outcome) => (outcome.routed ? { routed: false, why: 'duplicate' } : outcome));
    const routing = this.#route(signal).finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, routing);
    return routing;
  }

  /** Resolves when every event heard so far is routed and its deliveries are done (direct) or queued. */
  async idle(): Promise<void> {
    while (this.#routing.size > 0) await Promise.all([...this.#routing]);
    await this.#delivery.idle();
  }

  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    while (this.#routing.size > 0) await Promise.all([...this.#routing]);
    await this.#delivery.stop();
  }

  async #route(signal: AlertSignal): Promise<RouteOutcome> {
    const { ctx } = this.#options;
    const alert = await buildOperatorAlert(ctx.store.db, signal, this.#options.baseUrl);
    if (alert === null) return { routed: false, why: 'gone' };
    const drop = (why: 'maintenance' | 'duplicate' | 'no_channel'): RouteOutcome => {
      ctx.events.emit('alert:dropped', {
        pageId: signal.pageId,
        kind: alert.kind,
        key: alertKey(alert),
        why,
      });
      return { routed: false, why };
    };
    if (alert.componentIds.length > 0) {
      const silenced = await silencedComponentIds(ctx.store.db, signal.pageId, ctx.clock.now());
      if (alert.componentIds.every((id) => silenced.has(id))) return drop('maintenance');
    }
    const targets = this.#options.channels.filter((c) => c.events.includes(alert.kind));
    if (targets.length === 0) return drop('no_channel');
    if (!this.#deduper.admit(alert)) return drop('duplicate');
    for (const target of targets) this.#delivery.send(alert, target.channel);
    ctx.events.emit('alert:routed', {
      pageId: signal.pageId,
      kind: alert.kind,
      key: alertKey(alert),
      channels: targets.length,
    });
    return { routed: true, alert, channels: targets.length };
  }
}

/** Creates the router and starts it listening. */
export function routeAlerts(options: AlertRouterOptions): AlertRouter {
  return new AlertRouter(options).start();
}

function signalKey(signal: AlertSignal): string {
  switch (signal.kind) {
    case 'monitor_down':
    case 'monitor_up':
      return `${signal.kind}|${signal.componentId}`;
    case 'incident_draft':
      return `${signal.kind}|${signal.incidentId}`;
    case 'delivery_failing':
      return `${signal.kind}|${signal.channel}`;
  }
}
