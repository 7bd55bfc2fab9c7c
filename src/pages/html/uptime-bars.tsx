import type { BarTone, ComponentBarsViewModel } from './component-bars-view-model.js';

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
      <ol class="bars" aria-label={`${props.name}: daily uptime for the last ${count} days, oldest first`}>
        {days.map((day) => (
          <li class={TONE_CLASS[day.tone]} title={day.label}>
            {day.label}
          </li>
        ))}
      </ol>
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
          : `${uptimeText} uptime over the last ${count} days.`}
      </p>
    </div>
  );
}
