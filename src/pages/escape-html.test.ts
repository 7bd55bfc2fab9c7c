import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html.js';

describe('escapeHtml', () => {
  it('escapes every character that could end text or an attribute', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
  });

  it('leaves plain text alone', () => {
    expect(escapeHtml('Feb 16, 2024: 99.5% uptime → fine')).toBe('Feb 16, 2024: 99.5% uptime → fine');
  });
});
