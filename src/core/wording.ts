/** "1 region", "3 regions", "2 blind spots": a count with its noun, for every message and report. */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}
