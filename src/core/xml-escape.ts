/**
 * Escapes text for XML and HTML element content and quoted attributes: the reports and the map (HTML, SVG) and the
 * emulator's XML answers all use this one. `&#39;` rather than `&apos;`, which HTML 4 lacks.
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
