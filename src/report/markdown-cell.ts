/**
 * Text for a Markdown table cell or list item: a pipe or a newline would break the table, and an angle bracket
 * would become HTML when GitHub renders it.
 */
export function markdownCell(text: string): string {
  return text
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
