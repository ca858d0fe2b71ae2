/**
 * VS Code's glob syntax (`**`, `*`, `?`, `[...]`, `{a,b}`) as regular expressions over `/`-separated relative paths,
 * for the file scope both front doors share (analyzers/file-scope.ts) and the editor's `files.exclude`.
 */

/**
 * Whether a relative path (with `/`) is matched: a pattern may match the file or any
 * folder above it, as in VS Code (a pattern matching a folder excludes everything inside).
 */
export function createExcludeMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  const expressions = patterns.map(globToRegExp);
  return (relativePath) => {
    const segments = relativePath.split('/');
    for (let length = 1; length <= segments.length; length++) {
      const prefix = segments.slice(0, length).join('/');
      if (expressions.some((expression) => expression.test(prefix))) return true;
    }
    return false;
  };
}

/** `*.{js,map}` → `*.js`, `*.map`; nested groups too. An unclosed `{` is a literal. */
export function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  if (open < 0) return [pattern];
  const bounds = [open];
  let depth = 0;
  for (let i = open; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '{') depth++;
    else if (char === ',' && depth === 1) bounds.push(i);
    else if (char === '}' && --depth === 0) {
      bounds.push(i);
      const head = pattern.slice(0, open);
      const tail = pattern.slice(i + 1);
      const expanded: string[] = [];
      for (let k = 0; k + 1 < bounds.length; k++) {
        expanded.push(...expandBraces(head + pattern.slice(bounds[k]! + 1, bounds[k + 1]) + tail));
      }
      return expanded;
    }
  }
  return [pattern];
}

/** A brace-free VS Code glob (`**`, `*`, `?`, `[...]`) as a RegExp over a whole relative path. */
export function globToRegExp(glob: string): RegExp {
  const segments = glob.split('/');
  let source = '';
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '**') source += last ? '.*' : '(?:[^/]*/)*';
    else source += segmentToRegExp(segment) + (last ? '' : '/');
  });
  return new RegExp(`^${source}$`);
}

function segmentToRegExp(segment: string): string {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const char = segment[i]!;
    if (char === '*') {
      source += '[^/]*';
      while (segment[i + 1] === '*') i++;
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[') {
      const negated = segment[i + 1] === '!' || segment[i + 1] === '^';
      const start = negated ? i + 2 : i + 1;
      // A `]` first in the class is a member, as in VS Code.
      const close = segment.indexOf(']', start + 1);
      if (close < 0) {
        source += '\\[';
        continue;
      }
      source += `[${negated ? '^' : ''}${segment.slice(start, close).replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else {
      source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return source;
}
