// XML 1.0 cannot carry C0 controls (other than tab and newlines), lone surrogates or U+FFFE/U+FFFF,
// not even as character references: they are dropped so one bad byte cannot break a whole feed.
const NOT_XML_RE = /(?![\t\n\r])\p{Cc}|\p{Cs}|[\uFFFE\uFFFF]/gu;

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes text for XML element content and attribute values (single or double quoted). */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML_RE, '').replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
