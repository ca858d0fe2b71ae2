/**
 * Word-wraps one paragraph for a terminal: the first line starts with `firstIndent`, the rest with `restIndent`,
 * no line longer than `width` unless a single word is. Breaks after spaces and after ", " so region lists wrap
 * between names.
 */
export function wrapText(text: string, width: number, firstIndent: string, restIndent: string): string[] {
  const words = text.split(/(?<= )/);
  const lines: string[] = [];
  let line = firstIndent;
  let lineHasWord = false;
  for (const word of words) {
    if (lineHasWord && (line + word).trimEnd().length > width) {
      lines.push(line.trimEnd());
      line = restIndent;
      lineHasWord = false;
    }
    line += lineHasWord || word.trim() ? word : '';
    if (word.trim()) lineHasWord = true;
  }
  if (lineHasWord || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}
