import { escapeHtml } from '../escape-html.js';
import type { BarTone, ComponentBarsViewModel, DayBarViewModel } from './component-bars-view-model.js';

// Narrow screens show only the last days (see styles.ts), so the left label follows.
const NARROW_DAYS = 30;

// Operational is the stylesheet's default bar: most bars need no class, which keeps big pages small.
const TONE_CLASS: Readonly<Record<BarTone, string | undefined>> = {
  operational: undefined,
  degraded_performance: 't-degraded_performance',
  partial_outage: 't-partial_outage',
  major_outage: 't-major_outage',
  under_maintenance: 't-under_maintenance',
  no_data: 't-no_data',
};

/**
 * The bars of a thousand-component page are 90,000 elements: built as one escaped string they cost a
 * fraction of what as many virtual-DOM nodes do. Every interpolated value goes through escapeHtml. Each
 * bar's text is its tooltip; screen readers get the notable days instead (see notableDaysText).
 */
export function barsHtml(days: readonly DayBarViewModel[]): string {
  let html = '';
  for (const day of days) html += barHtml(day);
  return html;
}

// Clean days are one shared bar object per date (see dayBarMaker): escape each once, not per component.
const barHtmlMemo = new WeakMap<DayBarViewModel, string>();

function barHtml(day: DayBarViewModel): string {
  let html = barHtmlMemo.get(day);
  if (html === undefined) {
    const label = escapeHtml(day.label);
    const tone = TONE_CLASS[day.tone];
    html = tone === undefined ? `<li title="${label}"></li>` : `<li class="${tone}" title="${label}"></li>`;
    barHtmlMemo.set(day, html);
  }
  return html;
}

const MAX_SPOKEN_DAYS = 10;

/** For screen readers: the days worth hearing about, not ninety bars of "no downtime". */
export function notableDaysText(days: readonly DayBarViewModel[]): string {
  const notable = days
    .filter((d) => (d.tone !== 'operational' && d.tone !== 'no_data') || d.incidents.length > 0)
    .reverse();
  if (notable.length === 0) return 'No downtime or incidents on any day.';
  const spoken = notable
    .slice(0, MAX_SPOKEN_DAYS)
    .map((d) => d.label)
    .join(' ');
  const more =
    notable.length > MAX_SPOKEN_DAYS
      ? ` And ${notable.length - MAX_SPOKEN_DAYS} more days; the component page lists every day.`
      : '';
  return `Most recent days with downtime or incidents: ${spoken}${more}`;
}

/**
 * One bar per day, oldest first. Each bar carries its day as a tooltip (title) and as its text content
 * for screen readers (moved out of view by the stylesheet): date, uptime, downtime by status and the
 * incidents of that day. One element per bar keeps a page of a thousand components fast to render.
 */
export function UptimeBars(props: {
  readonly name: string;
  readonly bars: ComponentBarsViewModel;
  readonly large?: boolean;
}) {
  const { days, uptime, uptimeText } = props.bars;
  const count = days.length;
  if (count === 0) return null;
  return (
    <div class={props.large === true ? 'uptime uptime-large' : 'uptime'}>
      <ol class="bars" aria-hidden="true" dangerouslySetInnerHTML={{ __html: barsHtml(days) }} />
      <p class="bars-legend" aria-hidden="true">
        <span>
          <span class={count > NARROW_DAYS ? 'wide-only' : undefined}>{count} days ago</span>
          {count > NARROW_DAYS && <span class="narrow-only">{NARROW_DAYS} days ago</span>}
        </span>
        <span>{uptime === null ? 'No data' : `${uptimeText} uptime`}</span>
        <span>Today</span>
      </p>
      <p class="sr-only">
        {uptime === null
          ? `No uptime data for ${props.name}.`
          : `${uptimeText} uptime over the last ${count} days. ${notableDaysText(days)}`}
      </p>
    </div>
  );
}
