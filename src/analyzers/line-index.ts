import type { Range } from '../core/range';

/** Offsets (what the JSON and YAML parsers give) to the core's 0-based line/character positions. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; character: number } {
    const value = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= value) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: value - this.starts[low]! };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  lineText(line: number): string {
    const start = this.starts[line] ?? this.text.length;
    const end = this.starts[line + 1] ?? this.text.length + 1;
    return this.text.slice(start, end - 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[line] ?? this.text.length;
  }
}
