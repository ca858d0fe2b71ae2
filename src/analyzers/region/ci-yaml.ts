import { isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode, type Scalar, type YAMLMap } from 'yaml';
import type { CodeFinding } from '../../core/code-finding';
import type { CreateBucketSite } from './create-bucket-site';
import { CREATE_BUCKET_TEXT } from './create-bucket-text';
import { extractShellSites, type InheritedVariable } from './shell';
import { TreeSession } from './tree-session';

/**
 * Shell steps in CI YAML: GitHub Actions `run:`, GitLab `script:` / `before_script:` / `after_script:`, CodeBuild
 * `commands:`, CircleCI `run:` (a string, or a map's `command:`), Azure Pipelines `script:` / `bash:` and Bitbucket
 * `script:` / `after-script:`. Each step's text is analysed as shell inside a copy of the file where everything else
 * is blanked to spaces, so the offsets (and the positions of findings and edits) are those of the YAML file itself: a
 * block scalar's indentation is only leading whitespace to the shell. The items of one list run in one shell
 * (GitLab, Bitbucket, CodeBuild), so they are kept together: an `export` in one item holds for the items after it.
 * `env:` / `variables:` / `environment:` (CircleCI) of enclosing levels (workflow, job, step) supply AWS_REGION,
 * AWS_DEFAULT_REGION and AWS_PROFILE.
 */

const SCRIPT_KEYS = new Set(['run', 'script', 'before_script', 'after_script', 'after-script', 'commands', 'bash']);
const ENV_KEYS = new Set(['env', 'variables', 'environment']);

export function looksLikeCiYaml(filePath: string): boolean {
  const normalised = filePath.replace(/\\/g, '/');
  return (
    /(^|\/)\.github\/(workflows|actions)\/.+\.ya?ml$/.test(normalised) ||
    /(^|\/)([^/]*\.)?gitlab-ci\.ya?ml$/.test(normalised) ||
    /(^|\/)buildspec[^/]*\.ya?ml$/.test(normalised) ||
    /(^|\/)\.circleci\/config\.ya?ml$/.test(normalised) ||
    /(^|\/)azure-pipelines[^/]*\.ya?ml$/.test(normalised) ||
    /(^|\/)\.azure-pipelines\/.+\.ya?ml$/.test(normalised) ||
    /(^|\/)bitbucket-pipelines\.ya?ml$/.test(normalised)
  );
}

/** Offsets [start, end) in the YAML text of shell text to keep. */
interface TextPart {
  readonly start: number;
  readonly end: number;
}

interface ScriptSpan {
  /** What one shell runs, in order: one step's text, or the items of one list. */
  readonly parts: readonly TextPart[];
  readonly env: ReadonlyMap<string, InheritedVariable>;
}

/** The source span of a scalar's shell text, or undefined when its text differs from its source (escapes, folding). */
function scriptSpan(scalar: Scalar, text: string): TextPart | undefined {
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

const REGION_VARIABLES = ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE'];

/**
 * The environment inside an `env:` / `variables:` / `environment:` level. Maps (`NAME: value`, GitLab's
 * `NAME: { value: ... }`) and Azure's lists (`- name: NAME` with `value:`); a list entry without a value (a variable
 * group, a template, Bitbucket's run-time `default:`) leaves the region variables unknown.
 */
function envLayer(node: unknown, parent: ReadonlyMap<string, InheritedVariable>, key: string): Map<string, InheritedVariable> {
  const layer = new Map(parent);
  const set = (name: string, value: unknown) => {
    const text = typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
    // `${{ ... }}`, `$VAR` and `$(var)` are resolved by the CI at run time: unknown here.
    const known = text !== undefined && !text.includes('$');
    layer.set(name, { value: known ? text : undefined, source: `\`${name}\` in the \`${key}:\` of this file` });
  };
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      set(String(pair.key.value), isMap(pair.value) ? pair.value.get('value') : isScalar(pair.value) ? pair.value.value : undefined);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const name = isMap(item) ? item.get('name') : undefined;
      if (typeof name === 'string') set(name, isMap(item) ? item.get('value') : undefined);
      else for (const region of REGION_VARIABLES) set(region, undefined);
    }
  }
  return layer;
}

/** Where a step can set variables for the steps after it, per CI. */
const STEP_ENV_WRITERS: readonly { readonly marker: string; readonly how: string }[] = [
  { marker: 'GITHUB_ENV', how: 'written to $GITHUB_ENV' },
  { marker: 'BASH_ENV', how: 'written to $BASH_ENV' },
  { marker: 'task.setvariable', how: 'set with ##vso[task.setvariable]' },
];

/** A step's shell text as written (GitHub and CircleCI `run:`, CircleCI `run: { command }`, Azure `script:` / `bash:`). */
function stepScript(step: YAMLMap, text: string): string {
  for (const key of ['run', 'script', 'bash']) {
    const value = step.get(key, true);
    const node = isMap(value) ? value.get('command', true) : value;
    const range = isScalar(node) ? node.range : undefined;
    if (range) return text.slice(range[0], range[1]);
  }
  return '';
}

function unknownRegion(
  env: ReadonlyMap<string, InheritedVariable>,
  source: (name: string) => string,
): ReadonlyMap<string, InheritedVariable> {
  const next = new Map(env);
  for (const name of REGION_VARIABLES) next.set(name, { source: source(name) });
  return next;
}

/**
 * The environment after a step: GitHub's `aws-actions/configure-aws-credentials` exports its `aws-region`; a step
 * that writes a region variable to $GITHUB_ENV (GitHub), $BASH_ENV (CircleCI) or with `##vso[task.setvariable]`
 * (Azure), or a CircleCI orb command about AWS (`aws-cli/setup`), sets it to something unknown here.
 */
function envAfterStep(step: unknown, env: ReadonlyMap<string, InheritedVariable>, text: string): ReadonlyMap<string, InheritedVariable> {
  // A CircleCI orb command is a step's only key (`- aws-cli/setup:` with parameters) or the step itself.
  const names = isMap(step)
    ? step.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : ''))
    : isScalar(step)
      ? [String(step.value)]
      : [];
  const orb = names.find((name) => /^[\w-]*aws[\w-]*\/[\w-]+$/i.test(name));
  if (orb) return unknownRegion(env, (name) => `\`${name}\` as the \`${orb}\` step of this file leaves it`);
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
  const script = stepScript(step, text);
  const writer = STEP_ENV_WRITERS.find(({ marker }) => script.includes(marker));
  if (!writer) return env;
  const next = new Map(env);
  for (const name of REGION_VARIABLES) {
    if (script.includes(name)) next.set(name, { source: `\`${name}\` ${writer.how} in this file` });
  }
  return next;
}

function collectScripts(root: YamlNode | null, text: string): ScriptSpan[] {
  const spans: ScriptSpan[] = [];
  const partOf = (node: unknown) => (isScalar(node) ? scriptSpan(node, text) : undefined);
  /** One shell for the whole list; items that share a line (a flow list) cannot be kept apart, so they go alone. */
  const addList = (items: readonly unknown[], env: ReadonlyMap<string, InheritedVariable>) => {
    let parts: TextPart[] = [];
    for (const item of items) {
      const part = partOf(item);
      if (!part) continue;
      const previous = parts[parts.length - 1];
      if (previous && !text.slice(previous.end, part.start).includes('\n')) {
        spans.push({ parts, env });
        parts = [];
      }
      parts.push(part);
    }
    if (parts.length > 0) spans.push({ parts, env });
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
          if (isSeq(pair.value)) addList(pair.value.items, scope);
          else if (key === 'run' && isMap(pair.value)) {
            // CircleCI: `run: { name, command, environment }`.
            addList([pair.value.get('command', true)], envLayer(pair.value.get('environment', true), scope, 'environment'));
          } else addList([pair.value], scope);
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

/** The YAML text with only the parts kept; line breaks stay so rows and columns are unchanged. */
function blankExcept(text: string, parts: readonly TextPart[]): string {
  const blank = (part: string) => part.replace(/[^\n\r]/g, ' ');
  let result = '';
  let offset = 0;
  for (const part of parts) {
    result += blank(text.slice(offset, part.start)) + text.slice(part.start, part.end);
    offset = part.end;
  }
  return result + blank(text.slice(offset));
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
  if (!CREATE_BUCKET_TEXT.shell.test(text)) return [];
  const document = parseDocument(text, { keepSourceTokens: false, uniqueKeys: false });
  const spans = collectScripts(document.contents, text).filter((span) =>
    span.parts.some((part) => CREATE_BUCKET_TEXT.shell.test(text.slice(part.start, part.end))),
  );
  if (spans.length === 0) return [];
  const trees = sessions[0] ?? new TreeSession('bash');
  if (!sessions[0]) sessions.push(trees);
  const findings: CodeFinding[] = [];
  for (const span of spans) {
    const script = blankExcept(text, span.parts);
    const tree = await trees.parse(script);
    if (!tree) break;
    findings.push(...judge(await extractShellSites(tree.rootNode, script, { inheritedEnv: span.env, useConfiguredRegion: false })));
  }
  return findings;
}
