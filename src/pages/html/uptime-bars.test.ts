import { describe, expect, it } from 'vitest';
import { barsHtml } from './uptime-bars.js';

describe('barsHtml', () => {
  it('escapes day labels that carry incident names', () => {
    const html = barsHtml([
      {
        date: '2024-02-16',
        tone: 'major_outage',
        label: 'Feb 16: <img src=x onerror=alert(1)> "quoted"',
      } as never,
      { date: '2024-02-17', tone: 'operational', label: 'Feb 17: No downtime' } as never,
    ]);
    expect(html).not.toContain('<img');
    expect(html).toBe(
      '<li class="t-major_outage" title="Feb 16: &lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot;"></li>' +
        '<li title="Feb 17: No downtime"></li>',
    );
  });
});
