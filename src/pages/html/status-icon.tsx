import type { JSX } from 'preact';
import type { ComponentStatus } from '../../domain/component-status.js';

/**
 * A small shape per status, so that status never depends on colour alone: a tick, a warning triangle,
 * a half-filled circle, a cross and a clock. Decorative: the status is always also written as text.
 * The inner marks (class `ink`) take their colour from the stylesheet, so the banner can invert them.
 */
export function StatusIcon({ status }: { readonly status: ComponentStatus }) {
  return (
    <svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {SHAPES[status]}
    </svg>
  );
}

const SHAPES: Readonly<Record<ComponentStatus, JSX.Element>> = {
  operational: (
    <>
      <circle cx="8" cy="8" r="8" fill="currentColor" />
      <path d="M4.5 8.3l2.3 2.3 4.7-4.9" fill="none" class="ink" stroke-width="1.8" />
    </>
  ),
  degraded_performance: (
    <>
      <path d="M8 .8L15.6 15H.4z" fill="currentColor" />
      <path d="M8 5.5v4.6M8 11.6v1.6" class="ink" stroke-width="1.7" />
    </>
  ),
  partial_outage: (
    <>
      <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" stroke-width="2" />
      <path d="M8 1a7 7 0 0 1 0 14z" fill="currentColor" />
    </>
  ),
  major_outage: (
    <>
      <circle cx="8" cy="8" r="8" fill="currentColor" />
      <path d="M5 5l6 6M11 5l-6 6" class="ink" stroke-width="1.8" />
    </>
  ),
  under_maintenance: (
    <>
      <circle cx="8" cy="8" r="8" fill="currentColor" />
      <path d="M8 3.5V8l3 2" fill="none" class="ink" stroke-width="1.7" />
    </>
  ),
};

/** The status as an icon and its label, coloured by status. */
export function StatusText({ status, label }: { readonly status: ComponentStatus; readonly label: string }) {
  return (
    <span class={`status s-${status}`}>
      <StatusIcon status={status} />
      {label}
    </span>
  );
}
