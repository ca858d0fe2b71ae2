import { isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode, type Scalar } from 'yaml';
import type { AnalyzerContext } from '../document-analyzer';
import type { CreateBucketSite } from './create-bucket-site';
import { extractShellSites, type InheritedVariable, type ShellOptions } from './shell';
import type { TreeSession } from './tree-session';
import { TreeSession as Trees } from './tree-session';

/**
 * Shell steps in CI YAML: GitHub Actions `run:`, GitLab `script:` / `before_script:` / `after_script:`, CodeBuild
 * `commands:`. Each step's text is analysed as shell inside a copy of the file where everything else is blanked
 * to spaces, so the offsets (and the positions of findings and edits) are those of the YAML file itself: a block
 * scalar's indentation is only leading whitespace to the shell. `env:` / `variables:` maps of enclosing levels
 * (workflow, job, step) supply AWS_REGION, AWS_DEFAULT_REGION and AWS_PROFILE.
 */

const SCRIPT_KEYS = new Set(['run', 'script', 'before_script', 'after_script', 'commands']);
const ENV_KEYS = new Set(['env', 'variables']);

export function looksLikeCiYaml(filePath: string): boolean {
  const normalised = filePath.replace(/\\/g, '/');
  return (
    /(^|\/)\.github\/(workflows|actions)\/.+\.ya?ml$/.test(normalised) ||
    /(^|\/)([^/]*\.)?gitlab-ci\.ya?ml$/.test(normalised) ||
    /(^|\/)buildspec[^/]*\.ya?ml$/.test(normalised)
  );
}

interface ScriptSpan {
  /** Offsets in the YAML text of the shell text to keep. */
  readonly start: number;
  readonly end: number;
  readonly env: ReadonlyMap<string, InheritedVariable>;
}

/** The source span of a scalar's shell text, or undefined when its text differs from its source (escapes, folding). */
function scriptSpan(scalar: Scalar, text: string): { start: number; end: number } | undefined {
  const [start, valueEnd] = scalar.range ?? [];
  if (start === undefined || valueEnd === undefined || typeof scalar.value !== 'string') return undefined;
  switch (scalar.type) {
    case 'PLAIN':
      return { start, end: valueEnd };
    case 'QUOTE_SINGLE': {
      const inner = text.slice(start + 1, valueEnd - 1);
      return inner.includes("''") || inner.includes('\n') ? undefined : { start: start + 1, end: valueEnd - 1 };
    }
    case 'QUOTE_DOUBLE': {
      const inner = text.slice(start + 1, valueEnd - 1);
      return inner.includes('\\') || inner.includes('\n') ? undefined : { start: start + 1, end: valueEnd - 1 };
    }
    case 'BLOCK_LITERAL': {
      const headerEnd = text.indexOf('\n', start);
      return headerEnd < 0 || headerEnd >= valueEnd ? undefined : { start: headerEnd + 1, end: valueEnd };
    }
    default:
      // Folded scalars join lines with spaces: the shell would see other commands than the source shows.
      return undefined;
  }
}

function envLayer(node: unknown, parent: ReadonlyMap<string, InheritedVariable>, key: string): Map<string, InheritedVariable> {
  const layer = new Map(parent);
  if (!isMap(node)) return layer;
  for (const pair of node.items) {
    if (!isScalar(pair.key)) continue;
    const name = String(pair.key.value);
    const value = isScalar(pair.value) && (typeof pair.value.value === 'string' || typeof pair.value.value === 'number') ? String(pair.value.value) : undefined;
    // `${{ ... }}` and `$VAR` are resolved by the CI at run time: unknown here.
    const known = value !== undefined && !value.includes('$');
    layer.set(name, { value: known ? value : undefined, source: `\`${name}\` in the \`${key}:\` of this file` });
  }
  return layer;
}

function collectScripts(root: YamlNode | null, text: string): ScriptSpan[] {
  const spans: ScriptSpan[] = [];
  const addScalar = (node: unknown, env: ReadonlyMap<string, InheritedVariable>) => {
    if (!isScalar(node)) return;
    const span = scriptSpan(node, text);
    if (span) spans.push({ ...span, env });
  };
  const walk = (node: unknown, env: ReadonlyMap<string, InheritedVariable>, depth: number) => {
    if (depth > 64) return;
    if (isMap(node)) {
      let scope = env;
      for (const pair of node.items) {
        if (isScalar(pair.key) && ENV_KEYS.has(String(pair.key.value))) scope = envLayer(pair.value, scope, String(pair.key.value));
      }
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key && SCRIPT_KEYS.has(key)) {
          if (isSeq(pair.value)) for (const item of pair.value.items) addScalar(item, scope);
          else addScalar(pair.value, scope);
        } else if (!key || !ENV_KEYS.has(key)) walk(pair.value, scope, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item, env, depth + 1);
    }
  };
  walk(root, new Map(), 0);
  return spans;
}

/** The YAML text with only [start, end) kept; line breaks stay so rows and columns are unchanged. */
function blankExcept(text: string, start: number, end: number): string {
  const blank = (part: string) => part.replace(/[^\n\r]/g, ' ');
  return blank(text.slice(0, start)) + text.slice(start, end) + blank(text.slice(end));
}

export async function extractCiYamlSites(
  text: string,
  context: AnalyzerContext,
  options: Omit<ShellOptions, 'inheritedEnv' | 'makeVariables'>,
  sessions: TreeSession[],
): Promise<CreateBucketSite[]> {
  if (!/\bs3api\b|\bs3\s+mb\b/.test(text)) return [];
  const document = parseDocument(text, { keepSourceTokens: false, uniqueKeys: false });
  const spans = collectScripts(document.contents, text).filter((span) => /\bs3api\b|\bs3\s+mb\b/.test(text.slice(span.start, span.end)));
  if (spans.length === 0) return [];
  const trees = sessions[0] ?? new Trees('bash');
  if (!sessions[0]) sessions.push(trees);
  const sites: CreateBucketSite[] = [];
  for (const span of spans) {
    const script = blankExcept(text, span.start, span.end);
    const tree = await trees.parse(script);
    if (!tree) break;
    sites.push(...(await extractShellSites(tree.rootNode, script, context, { ...options, inheritedEnv: span.env })));
  }
  return sites;
}
