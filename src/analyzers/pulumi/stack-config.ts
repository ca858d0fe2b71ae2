import { isMap, isScalar, parseDocument, type YAMLMap } from 'yaml';

/**
 * The tags the default AWS provider of a Pulumi project adds to every resource: `aws:defaultTags` in the stack
 * configuration (`Pulumi.<stack>.yaml`, written by `pulumi config set`). A program is deployed to each of its stacks,
 * so a key counts as present only when every stack sets it; its value is known when every stack gives the same.
 *
 * Unknown (undefined) where the configuration can come from elsewhere: an ESC `environment:` import, project-level
 * `config:` for `aws:defaultTags` in Pulumi.yaml, a stack file that does not parse, default providers disabled.
 */
export interface StackFile {
  /** `dev` for `Pulumi.dev.yaml`. */
  readonly stack: string;
  readonly text: string;
}

export interface DefaultProviderTags {
  /** Keys every stack sets; `value` when every stack gives the same plain value. */
  readonly entries: ReadonlyMap<string, { readonly value?: string }>;
  /** Keys some stacks set and others do not, with the stacks that lack them. */
  readonly partial: ReadonlyMap<string, readonly string[]>;
  /** The stack files read. */
  readonly stacks: readonly string[];
}

type StackTags = Map<string, string | undefined>;

function configOf(text: string): YAMLMap | null | undefined {
  const document = parseDocument(text, { uniqueKeys: false });
  if (document.errors.length > 0) return undefined;
  const contents = document.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return null;
  if (!isMap(contents)) return undefined;
  if (contents.has('environment')) return undefined;
  const config = contents.get('config', true);
  if (config === undefined || config === null || (isScalar(config) && config.value === null)) return null;
  return isMap(config) ? config : undefined;
}

/** The `aws:defaultTags.tags` of one stack file; undefined when unknown. */
function stackTags(text: string): StackTags | undefined {
  const config = configOf(text);
  if (config === undefined) return undefined;
  const tags: StackTags = new Map();
  if (config === null) return tags;
  if (config.has('pulumi:disable-default-providers')) return undefined;
  const defaultTags = config.get('aws:defaultTags', true);
  if (defaultTags === undefined) return tags;
  if (!isMap(defaultTags)) return undefined;
  const tagMap = defaultTags.get('tags', true);
  if (tagMap === undefined) return tags;
  if (!isMap(tagMap)) return undefined;
  for (const pair of tagMap.items) {
    if (!isScalar(pair.key)) return undefined;
    const key = String(pair.key.value);
    // `{ secure: ... }` and other non-string values: the key is set, its value is not readable here.
    tags.set(key, isScalar(pair.value) && typeof pair.value.value === 'string' ? pair.value.value : undefined);
  }
  return tags;
}

/** Whether Pulumi.yaml sets `aws:` configuration itself (a project-level default that stacks may or may not override). */
function projectSetsProviderConfig(projectText: string): boolean {
  const config = configOf(projectText);
  if (config === undefined) return true;
  return config !== null && (config.has('aws:defaultTags') || config.has('pulumi:disable-default-providers'));
}

export function defaultProviderTags(projectText: string, stacks: readonly StackFile[]): DefaultProviderTags | undefined {
  if (projectSetsProviderConfig(projectText)) return undefined;
  const perStack: { stack: string; tags: StackTags }[] = [];
  for (const file of stacks) {
    const tags = stackTags(file.text);
    if (!tags) return undefined;
    perStack.push({ stack: file.stack, tags });
  }
  const entries = new Map<string, { value?: string }>();
  const partial = new Map<string, string[]>();
  const allKeys = new Set(perStack.flatMap(({ tags }) => [...tags.keys()]));
  for (const key of allKeys) {
    const lacking = perStack.filter(({ tags }) => !tags.has(key)).map(({ stack }) => stack);
    if (lacking.length > 0) {
      partial.set(key, lacking);
      continue;
    }
    const values = new Set(perStack.map(({ tags }) => tags.get(key)));
    const [only] = values;
    entries.set(key, values.size === 1 && only !== undefined ? { value: only } : {});
  }
  return { entries, partial, stacks: perStack.map(({ stack }) => stack) };
}
