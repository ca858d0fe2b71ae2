import { isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode, type Scalar } from 'yaml';
import type { CodeFinding } from '../../core/code-finding';
import type { CreateBucketSite } from './create-bucket-site';
import { extractShellSites, type InheritedVariable } from './shell';
import { TreeSession } from './tree-session';

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

const REGION_VARIABLES = ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE'];

/**
 * The environment after a GitHub Actions step: `aws-actions/configure-aws-credentials` exports its `aws-region`,
 * and a step that writes a region variable to $GITHUB_ENV sets it to something unknown here.
 */
function envAfterStep(step: unknown, env: ReadonlyMap<string, InheritedVariable>, text: string): ReadonlyMap<string, InheritedVariable> {
  if (!isMap(step)) return env;
  const uses = step.get('uses');
  if (typeof uses === 'string' && uses.includes('configure-aws-credentials')) {
    const inputs = step.get('with');
    const region = isMap(inputs) ? inputs.get('aws-region') : undefined;
    const value = typeof region === 'string' && !region.includes('$') ? region : undefined;
    const next = new Map(env);
    const source = '`aws-region` of configure-aws-credentials in this file';
    next.set('AWS_REGION', { value, source });
    next.set('AWS_DEFAULT_REGION', { value, source });
    return next;
  }
  const run = step.get('run', true);
  const span = isScalar(run) ? run.range : undefined;
  const script = span ? text.slice(span[0], span[1]) : '';
  if (!script.includes('GITHUB_ENV')) return env;
  const next = new Map(env);
  for (const name of REGION_VARIABLES) {
    if (script.includes(name)) next.set(name, { source: `\`${name}\` written to $GITHUB_ENV in this file` });
  }
  return next;
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
      // Steps run in order: a step can set the region of the steps after it.
      let stepEnv = env;
      for (const item of node.items) {
        walk(item, stepEnv, depth + 1);
        stepEnv = envAfterStep(item, stepEnv, text);
      }
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

/**
 * Findings of every shell step. Each step is judged while its tree is alive: the sites' edit builders read nodes
 * of a tree that the next step's parse frees.
 */
export async function analyzeCiYaml(
  text: string,
  sessions: TreeSession[],
  judge: (sites: readonly CreateBucketSite[]) => CodeFinding[],
): Promise<CodeFinding[]> {
  if (!/\bs3api\b|\bs3\s+mb\b/.test(text)) return [];
  const document = parseDocument(text, { keepSourceTokens: false, uniqueKeys: false });
  const spans = collectScripts(document.contents, text).filter((span) => /\bs3api\b|\bs3\s+mb\b/.test(text.slice(span.start, span.end)));
  if (spans.length === 0) return [];
  const trees = sessions[0] ?? new TreeSession('bash');
  if (!sessions[0]) sessions.push(trees);
  const findings: CodeFinding[] = [];
  for (const span of spans) {
    const script = blankExcept(text, span.start, span.end);
    const tree = await trees.parse(script);
    if (!tree) break;
    findings.push(...judge(await extractShellSites(tree.rootNode, script, { inheritedEnv: span.env, useConfiguredRegion: false })));
  }
  return findings;
}
