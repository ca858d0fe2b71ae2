/**
 * Which files the editor's workspace check reads (src/vscode/code-checks/workspace-check.ts): those an analyzer handles, outside
 * dependencies, VCS data and build output, outside the user's `files.exclude` and `search.exclude`, and small
 * enough to be written by hand. One list of exclusions serves the walk (`findFiles`) and the file events (which
 * VS Code does not filter), so both skip the same files. No 'vscode' here: the rules are unit-tested in Node.
 */

/** The file names the registry's analyzers handle (test/unit/app/workspace-check/workspace-scope.test.ts keeps them in step). */
const CHECKED_FILES = [
  '*.tf', '*.json', '*.yaml', '*.yml', '*.template',
  '*.js', '*.mjs', '*.cjs', '*.jsx', '*.ts', '*.mts', '*.cts', '*.tsx',
  '*.py', '*.pyw',
  '*.sh', '*.bash', '*.zsh', '*.ksh',
  'Makefile', 'makefile', 'GNUmakefile', '*.mk',
  '*.go', '*.java', '*.cs',
];

export const CHECKED_FILES_GLOB = `**/{${CHECKED_FILES.join(',')}}`;

/** Dependencies, VCS data, generated and build output: what they hold is someone else's source or a copy. */
const SKIPPED = [
  ...['node_modules', '.git', '.terraform', '.terragrunt-cache', '.aws-sam', 'cdk.out', 'dist', 'out', 'build', '.venv', '__pycache__']
    .map((folder) => `**/${folder}/**`),
  '**/*.min.js',
];

/** Larger files are generated (bundles, data dumps) rather than written; a parse of each would cost the most. */
export const MAX_FILE_BYTES = 2_000_000;

/**
 * The exclusions: ours, then every pattern set to `true` in the given `files.exclude` / `search.exclude` values.
 * A `{ "when": ... }` condition on a sibling file cannot be told from a path, so such a pattern is not applied.
 */
export function excludePatterns(...settings: ReadonlyArray<Readonly<Record<string, unknown>> | undefined>): string[] {
  const patterns = [...SKIPPED];
  for (const setting of settings) {
    for (const [pattern, value] of Object.entries(setting ?? {})) {
      if (value === true) patterns.push(...expandBraces(pattern.replace(/\/+$/, '')));
    }
  }
  return [...new Set(patterns)];
}

/** The patterns as one glob for `findFiles`: VS Code's globs do not nest braces, so each pattern is brace-free. */
export function excludeGlob(patterns: readonly string[]): string {
  return `{${patterns.join(',')}}`;
}

/**
 * Whether a path relative to its workspace folder (with `/`) is excluded: a pattern may match the file or any
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
