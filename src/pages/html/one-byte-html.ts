import { escapeHtml } from '../escape-html.js';

/** "→" and "←" as character references. */
export const RIGHT_ARROW = '&rarr;';
export const LEFT_ARROW = '&larr;';

/**
 * Escaped text with our own arrows as character references. One character above U+00FF makes V8 store
 * the whole page as two bytes per character, and the large page's 6 MB then takes several times longer
 * to turn into UTF-8 on every rebuild; the arrows of the change lines were the only such characters
 * our templates wrote. Text typed by operators may still have them, and is then correct, only slower.
 */
export function oneByteHtml(text: string): string {
  return escapeHtml(text).replaceAll('→', RIGHT_ARROW);
}
