import { describe, expect, it } from 'vitest';
import { escapeXml } from './escape-xml.js';

describe('escapeXml', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<script>&"'</script>`)).toBe('&lt;script&gt;&amp;&quot;&apos;&lt;/script&gt;');
  });

  it('escapes an existing entity again rather than trusting it', () => {
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
  });

  it('drops characters XML cannot carry and keeps tabs, newlines and astral characters', () => {
    expect(escapeXml('a\u0000b\u001bc\uFFFEd\uD800e\tf\r\ng 🍉')).toBe('abcde\tf\r\ng 🍉');
  });
});
