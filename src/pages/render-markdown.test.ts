import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderMarkdownInline } from './render-markdown.js';

const XSS_PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '[x](JAVASCRIPT:alert(1))',
  '[x]( javascript:alert(1))',
  '[x](&#106;avascript:alert(1))',
  '[x](java\tscript:alert(1))',
  '[x](vbscript:msgbox(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x]\n\n[x]: javascript:alert(1)',
  '<javascript:alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '<style>body { display: none }</style>',
  '"><svg onload=alert(1)>',
  '[x](https://example.com/"onmouseover="alert(1))',
  '![x" onerror="alert(1)](https://example.com/a.png)',
];

/** Every tag in the output with its attribute names; text like `&lt;img onerror=` is not a tag. */
function tagsOf(html: string): { name: string; attributes: string[] }[] {
  return [...html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)].map((match) => {
    const attributes = match[2] ?? '';
    // markdown-it always double-quotes attribute values; anything else would be a breakout.
    expect(attributes).toMatch(/^(\s[\w-]+="[^"]*")*$/);
    return {
      name: (match[1] ?? '').toLowerCase(),
      attributes: [...attributes.matchAll(/\s([\w-]+)="/g)].map((a) => (a[1] ?? '').toLowerCase()),
    };
  });
}

describe('renderMarkdown', () => {
  it.each(XSS_PAYLOADS)('renders %j without a live tag, handler or script link', (payload) => {
    const html = renderMarkdown(payload);

    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<(iframe|style|svg)/i);
    expect(html).not.toMatch(/href="\s*(javascript|vbscript|data):/i);
    for (const tag of tagsOf(html)) {
      expect(['p', 'a']).toContain(tag.name);
      for (const attribute of tag.attributes) expect(['href', 'rel']).toContain(attribute);
    }
  });

  it('shows raw HTML as text', () => {
    expect(renderMarkdown('<script>alert(1)</script>')).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n',
    );
    expect(renderMarkdown('"><svg onload=alert(1)>')).toBe('<p>&quot;&gt;&lt;svg onload=alert(1)&gt;</p>\n');
  });

  it('leaves a rejected link as its source text', () => {
    expect(renderMarkdown('[x](javascript:alert(1))')).toBe('<p>[x](javascript:alert(1))</p>\n');
  });

  it('keeps http, https and mailto links and marks them nofollow noopener noreferrer', () => {
    const html = renderMarkdown(
      '[a](https://a.example/x?y=1&z=2) [b](http://b.example) [c](mailto:ops@c.example)',
    );

    expect(html).toContain(
      '<a href="https://a.example/x?y=1&amp;z=2" rel="nofollow noopener noreferrer">a</a>',
    );
    expect(html).toContain('<a href="http://b.example" rel="nofollow noopener noreferrer">b</a>');
    expect(html).toContain('<a href="mailto:ops@c.example" rel="nofollow noopener noreferrer">c</a>');
  });

  it('percent-encodes quotes in link targets so they cannot open an attribute', () => {
    expect(renderMarkdown('[a](https://a.example/"onmouseover="x)')).toContain(
      'href="https://a.example/%22onmouseover=%22x"',
    );
  });

  it('rejects relative, protocol-relative and other schemes', () => {
    for (const link of ['[x](/incidents/1)', '[x](#top)', '[x](//evil.example)', '[x](ftp://f.example)']) {
      expect(renderMarkdown(link)).not.toContain('<a');
    }
  });

  it('links bare URLs and e-mail addresses but not protocol-relative ones', () => {
    const html = renderMarkdown(
      'See https://status.example.com, www.example.com, ops@example.com and //evil.example',
    );

    expect(html).toContain('<a href="https://status.example.com" rel="nofollow noopener noreferrer">');
    expect(html).toContain('<a href="http://www.example.com" rel="nofollow noopener noreferrer">');
    expect(html).toContain('<a href="mailto:ops@example.com" rel="nofollow noopener noreferrer">');
    expect(html).toContain('and //evil.example');
  });

  it('renders images as their alt text', () => {
    expect(renderMarkdown('![graph of *errors* <b>](https://example.com/a.png)')).toBe(
      '<p>graph of errors &lt;b&gt;</p>\n',
    );
  });

  it('keeps headings, nested lists and emphasis', () => {
    const html = renderMarkdown(
      '### Impact\n\n- API\n  - EU region\n- Web\n\n1. First\n2. Second\n\n*some* **bold**',
    );

    expect(html).toContain('<h3>Impact</h3>');
    expect(html).toContain('<ul>\n<li>API\n<ul>\n<li>EU region</li>\n</ul>\n</li>\n<li>Web</li>\n</ul>');
    expect(html).toContain('<ol>\n<li>First</li>\n<li>Second</li>\n</ol>');
    expect(html).toContain('<em>some</em> <strong>bold</strong>');
  });

  it('does not apply typographic replacements', () => {
    expect(renderMarkdown('"quoted" -- (c)')).toBe('<p>&quot;quoted&quot; -- (c)</p>\n');
  });
});

describe('renderMarkdownInline', () => {
  it('renders inline markdown without a paragraph and escapes raw HTML', () => {
    expect(renderMarkdownInline('**API** <b>down</b> [x](javascript:alert(1))')).toBe(
      '<strong>API</strong> &lt;b&gt;down&lt;/b&gt; [x](javascript:alert(1))',
    );
  });
});
