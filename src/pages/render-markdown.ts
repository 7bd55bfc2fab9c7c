import MarkdownIt from 'markdown-it';

// Absolute http(s) and mailto only: relative and protocol-relative links could point anywhere once the
// HTML is copied into a feed or an email.
const ALLOWED_LINK_RE = /^(?:https?:\/\/[^/\\\s]|mailto:[^\s])/i;
const LINK_REL = 'nofollow noopener noreferrer';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

const defaultValidateLink = md.validateLink.bind(md);
md.validateLink = (url) => defaultValidateLink(url) && ALLOWED_LINK_RE.test(url.trim());

const renderToken = md.renderer.renderToken.bind(md.renderer);
md.renderer.rules.link_open = (tokens, idx, options) => {
  tokens[idx]?.attrSet('rel', LINK_REL);
  return renderToken(tokens, idx, options);
};

// Images would load third-party content on every view: show their alt text instead.
md.renderer.rules.image = (tokens, idx, options, env) =>
  md.utils.escapeHtml(md.renderer.renderInlineAsText(tokens[idx]?.children ?? [], options, env));

// Every snapshot rebuild renders the same bodies again; the output depends on the text alone.
const MAX_MEMO_ENTRIES = 20_000;
const rendered = new Map<string, string>();

/** Renders incident text (markdown, raw HTML shown as text) to HTML that is safe to embed. */
export function renderMarkdown(text: string): string {
  const cached = rendered.get(text);
  if (cached !== undefined) return cached;
  const html = md.render(text);
  if (rendered.size >= MAX_MEMO_ENTRIES) rendered.clear();
  rendered.set(text, html);
  return html;
}

/** Renders one line of markdown without a wrapping paragraph, for titles. */
export function renderMarkdownInline(text: string): string {
  return md.renderInline(text);
}
