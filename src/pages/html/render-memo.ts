import type { ComponentBarsViewModel } from './component-bars-view-model.js';

const MAX_BARS = 20_000;

/**
 * What one render hands to the next, across snapshot rebuilds. A component with no downtime in its
 * window has bars that depend only on the dates, its status changes and its incidents (not on the
 * minute), so a rebuild reuses them, and the row HTML rendered around them. On a page of a thousand
 * components most are quiet most days; those cost a map lookup instead of ninety bars.
 */
export class RenderMemo {
  readonly #bars = new Map<string, ComponentBarsViewModel>();
  readonly #rows = new WeakMap<ComponentBarsViewModel, { readonly key: string; readonly html: string }>();

  bars(key: string, build: () => ComponentBarsViewModel): ComponentBarsViewModel {
    let bars = this.#bars.get(key);
    if (bars === undefined) {
      bars = build();
      // Keys of past days are never asked for again: start over rather than grow without bound.
      if (this.#bars.size >= MAX_BARS) this.#bars.clear();
      this.#bars.set(key, bars);
    }
    return bars;
  }

  /** The HTML of a row around `bars`, rendered again only when the row's own text (`key`) changed. */
  rowHtml(bars: ComponentBarsViewModel, key: string, render: () => string): string {
    const cached = this.#rows.get(bars);
    if (cached !== undefined && cached.key === key) return cached.html;
    const html = render();
    this.#rows.set(bars, { key, html });
    return html;
  }

  get barsSize(): number {
    return this.#bars.size;
  }
}
