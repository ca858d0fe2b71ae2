import type { CodeFinding } from '../../core/code-finding';
import { errorMessage } from '../../core/errors';
import type { AnalysisSession, AnalyzerContext, DocumentAnalyzer, TextChange } from '../document-analyzer';
import type { GrammarName } from '../parser-runtime';
import { TreeSession } from '../region/tree-session';
import { checkResourceTags, requirementsForTypes, type KnownTags } from '../tag-findings';
import type { PulumiResource, TagsReading } from './model';
import { readProjectDefaultTags, type ProjectTagsReader } from './project-files';
import { typeNamesForPulumi } from './pulumi-types';
import { readPythonProgram } from './python';
import type { DefaultProviderTags } from './stack-config';
import { readTypeScriptProgram } from './typescript';

/**
 * Required tags on Pulumi AWS resources (TypeScript, JavaScript and Python programs). What a resource ends up with
 * is its provider's default tags overlaid by its own `tags` (Pulumi's `tagsAll`): the explicit provider's
 * `defaultTags`, or for the default provider `aws:defaultTags` of every stack of the project.
 */
const GRAMMARS: Record<string, GrammarName> = {
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascript',
  '.py': 'python',
};
const LANGUAGES: Record<string, GrammarName> = {
  typescript: 'typescript',
  typescriptreact: 'tsx',
  javascript: 'javascript',
  javascriptreact: 'javascript',
  python: 'python',
};

/** Text no Pulumi AWS program can be written without. */
export const PULUMI_AWS_TEXT = /@pulumi\/aws|pulumi_aws/;

function grammarFor(filePath: string, languageId?: string): GrammarName | undefined {
  const extension = /\.[^./\\]+$/.exec(filePath)?.[0].toLowerCase() ?? '';
  return (languageId && LANGUAGES[languageId]) || GRAMMARS[extension];
}

type Overlay = KnownTags;

function overlay(base: Overlay, tags: TagsReading): Overlay | undefined {
  if (tags.kind === 'unknown') return undefined;
  if (tags.kind === 'absent') return base;
  const entries = new Map(base.entries);
  for (const [key, entry] of tags.entries) entries.set(key, entry);
  return { entries, unknownKeys: base.unknownKeys, complete: base.complete && tags.complete };
}

const NOTHING: Overlay = { entries: new Map(), unknownKeys: new Set(), complete: true };

interface ProviderTags {
  readonly tags: Overlay;
  /** Stacks that lack keys other stacks set, per key (default provider only). */
  readonly partial?: DefaultProviderTags['partial'];
}

function providerTags(resource: PulumiResource, stackTags: DefaultProviderTags | undefined): ProviderTags | undefined {
  const provider = resource.provider;
  if (provider.kind === 'unknown') return undefined;
  if (provider.kind === 'default') {
    if (!stackTags) return undefined;
    return { tags: { entries: stackTags.entries, unknownKeys: new Set(), complete: true }, partial: stackTags.partial };
  }
  const tags = overlay(NOTHING, provider.defaultTags);
  if (!tags) return undefined;
  // Whether an explicit provider also applies the stack's aws:defaultTags is not documented: those keys are unknown.
  const maybe = new Set(tags.unknownKeys);
  for (const key of stackTags ? [...stackTags.entries.keys(), ...stackTags.partial.keys()] : []) maybe.add(key);
  return { tags: { ...tags, unknownKeys: maybe } };
}

/** "in stack "dev"" when a required key comes from the default tags of some stacks but not of the named ones. */
function stackQualifier(
  partial: DefaultProviderTags['partial'] | undefined,
  requiredKeys: readonly string[],
  resourceTags: TagsReading,
): string | undefined {
  if (!partial) return undefined;
  const lacking = new Set<string>();
  for (const key of requiredKeys) {
    if (resourceTags.kind === 'map' && resourceTags.entries.has(key)) continue;
    for (const stack of partial.get(key) ?? []) lacking.add(stack);
  }
  if (lacking.size === 0) return undefined;
  const stacks = [...lacking].sort().map((stack) => `"${stack}"`);
  return `in stack${stacks.length > 1 ? 's' : ''} ${stacks.join(', ')}`;
}

export function judgePulumiResources(
  resources: readonly PulumiResource[],
  stackTags: DefaultProviderTags | undefined,
  context: AnalyzerContext,
): CodeFinding[] {
  const findings: CodeFinding[] = [];
  for (const resource of resources) {
    const typeNames = typeNamesForPulumi(resource.token, context.additionalTaggableTypes);
    if (!typeNames) continue;
    const requirements = requirementsForTypes(context.policy, typeNames);
    if (requirements.length === 0) continue;
    const fromProvider = providerTags(resource, stackTags);
    if (!fromProvider) continue;
    const tags = overlay(fromProvider.tags, resource.tags);
    if (!tags) continue;
    const qualifier = stackQualifier(
      fromProvider.partial,
      requirements.map((requirement) => requirement.key),
      resource.tags,
    );
    findings.push(
      ...checkResourceTags(
        {
          resource: resource.description,
          typeNames,
          tags,
          range: resource.range,
          fixes: resource.fixes,
          ...(qualifier ? { qualifier } : {}),
        },
        context.policy,
      ),
    );
  }
  return findings;
}

class PulumiSession implements AnalysisSession {
  private readonly trees: TreeSession;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly filePath: string,
    private readonly grammar: GrammarName,
    private readonly readProject: ProjectTagsReader,
  ) {
    this.trees = new TreeSession(grammar);
  }

  analyze(text: string, context: AnalyzerContext, changes?: readonly TextChange[]): Promise<CodeFinding[]> {
    const run = this.queue.then(() => this.analyzeNow(text, context, changes));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async analyzeNow(text: string, context: AnalyzerContext, changes?: readonly TextChange[]): Promise<CodeFinding[]> {
    if (context.policyMissing || context.policy.requirements.length === 0 || !PULUMI_AWS_TEXT.test(text)) return [];
    try {
      const tree = await this.trees.parse(text, changes);
      if (!tree) return [];
      const resources = this.grammar === 'python' ? readPythonProgram(tree.rootNode) : readTypeScriptProgram(tree.rootNode);
      if (resources.length === 0) return [];
      const needsStacks = resources.some((resource) => resource.provider.kind !== 'unknown');
      // Without the context's files (an untitled buffer, a bare test) the stacks, and so the default tags, are unknown.
      const stackTags = needsStacks && context.files ? await this.readProject(this.filePath, context.files) : undefined;
      return judgePulumiResources(resources, stackTags, context);
    } catch (error) {
      context.logger.warn(`Pulumi check skipped for ${this.filePath}: ${errorMessage(error)}`);
      return [];
    }
  }

  dispose(): void {
    this.trees.dispose();
  }
}

export function createPulumiAnalyzer(readProject: ProjectTagsReader = readProjectDefaultTags): DocumentAnalyzer {
  return {
    id: 'pulumi',
    kind: 'iac',
    filePatterns: Object.keys(GRAMMARS).map((extension) => `*${extension}`),
    handles: (filePath, languageId) => grammarFor(filePath, languageId) !== undefined && !filePath.endsWith('.d.ts'),
    mayFindIn: (text) => PULUMI_AWS_TEXT.test(text),
    createSession: (filePath) => new PulumiSession(filePath, grammarFor(filePath) ?? 'typescript', readProject),
  };
}
