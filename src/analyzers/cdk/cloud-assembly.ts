import * as path from 'node:path';
import type { SourceFiles } from '../document-analyzer';
import { cloudFormationTagInfo } from '../taggable-types';
import type { ResolvedTags } from './tag-aspect';

/**
 * A synthesized CDK app (`cdk.out`: manifest.json and one template per stack), read next to a source file: the
 * nearest `cdk.out` in the file's folder or above it, up to the folder holding cdk.json. It is used only while it
 * is newer than the source file and the source in the editor is what is on disk: an old synth says nothing about
 * the code as it is now. Files are read again only when their modification time changes.
 */
export interface SynthesizedResource {
  readonly logicalId: string;
  readonly type: string;
  /** `Prod/Logs/Resource`. */
  readonly path: string;
  /** The template's tags, with the stack's tags CloudFormation propagates to it. */
  readonly tags: ResolvedTags;
}

export interface SynthesizedStack {
  /** The stack's construct path (`Prod`, `Stage/Prod`). */
  readonly path: string;
  /** Relative to the folder holding cdk.out: `cdk.out/Prod.template.json`. */
  readonly templateFile: string;
  readonly resources: readonly SynthesizedResource[];
}

export interface CloudAssembly {
  readonly directory: string;
  readonly stacks: readonly SynthesizedStack[];
}

interface Manifest {
  readonly artifacts?: Record<
    string,
    {
      readonly type?: string;
      readonly displayName?: string;
      readonly properties?: { readonly templateFile?: string; readonly tags?: Record<string, unknown> };
      readonly metadata?: Record<string, ReadonlyArray<{ readonly type?: string; readonly data?: unknown }>>;
    }
  >;
}

const MAX_LEVELS = 6;

/** The cdk.out folder for a source file, or undefined. Files come through the analyzer context, never read here. */
export async function findCloudAssemblyDirectory(sourceFile: string, files: SourceFiles): Promise<string | undefined> {
  let dir = path.dirname(sourceFile);
  for (let level = 0; level < MAX_LEVELS; level++) {
    const candidate = path.join(dir, 'cdk.out');
    if ((await files.modifiedTime(path.join(candidate, 'manifest.json'))) !== undefined) return candidate;
    if ((await files.modifiedTime(path.join(dir, 'cdk.json'))) !== undefined) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

export class CloudAssemblyReader {
  private cached: { directory: string; stamp: string; assembly: CloudAssembly | undefined } | undefined;
  private source: { file: string; mtimeMs: number; text: string } | undefined;

  /**
   * The assembly for a source file whose text is `text`; undefined when none is usable: none found, or older than
   * the source (an unsaved edit counts as newer than anything on disk: see SourceFiles.modifiedTime), or
   * synthesized from other text than `text`.
   */
  async read(sourceFile: string, text: string, files: SourceFiles | undefined): Promise<CloudAssembly | undefined> {
    if (!files) return undefined;
    const directory = await findCloudAssemblyDirectory(sourceFile, files);
    if (!directory) return undefined;
    const sourceTime = await files.modifiedTime(sourceFile);
    const manifestTime = await files.modifiedTime(path.join(directory, 'manifest.json'));
    if (sourceTime === undefined || manifestTime === undefined || manifestTime < sourceTime) return undefined;
    if ((await this.sourceText(sourceFile, sourceTime, files)) !== text) return undefined;
    return this.assembly(directory, files);
  }

  private async sourceText(file: string, mtimeMs: number, files: SourceFiles): Promise<string | undefined> {
    if (this.source?.file !== file || this.source.mtimeMs !== mtimeMs) {
      try {
        this.source = { file, mtimeMs, text: await files.readText(file) };
      } catch {
        return undefined;
      }
    }
    return this.source.text;
  }

  private async assembly(directory: string, files: SourceFiles): Promise<CloudAssembly | undefined> {
    let manifest: Manifest;
    try {
      manifest = JSON.parse(await files.readText(path.join(directory, 'manifest.json'))) as Manifest;
    } catch {
      return undefined;
    }
    const stacks = Object.entries(manifest.artifacts ?? {}).filter(
      ([, artifact]) => artifact.type === 'aws:cloudformation:stack' && typeof artifact.properties?.templateFile === 'string',
    );
    const templates = stacks.map(([, artifact]) => path.join(directory, artifact.properties!.templateFile!));
    const times = await Promise.all(
      [path.join(directory, 'manifest.json'), ...templates].map(async (file) => `${file}@${(await files.modifiedTime(file)) ?? '-'}`),
    );
    const stamp = times.join('|');
    if (this.cached?.directory === directory && this.cached.stamp === stamp) return this.cached.assembly;
    const result: SynthesizedStack[] = [];
    for (const [id, artifact] of stacks) {
      const templateFile = artifact.properties!.templateFile!;
      let template: unknown;
      try {
        template = JSON.parse(await files.readText(path.join(directory, templateFile)));
      } catch {
        continue;
      }
      const logicalIdPaths = new Map<string, string>();
      for (const [metadataPath, entries] of Object.entries(artifact.metadata ?? {})) {
        for (const entry of entries)
          if (entry.type === 'aws:cdk:logicalId' && typeof entry.data === 'string')
            logicalIdPaths.set(entry.data, metadataPath.replace(/^\//, ''));
      }
      result.push({
        path: artifact.displayName ?? id,
        templateFile: path.posix.join(path.basename(directory), templateFile),
        resources: synthesizedResources(template, logicalIdPaths, stackTagsOf(artifact.properties?.tags)),
      });
    }
    const assembly = { directory, stacks: result };
    this.cached = { directory, stamp, assembly };
    return assembly;
  }
}

function stackTagsOf(tags: Record<string, unknown> | undefined): Map<string, string | undefined> {
  const result = new Map<string, string | undefined>();
  for (const [key, value] of Object.entries(tags ?? {})) result.set(key, typeof value === 'string' ? value : undefined);
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Each taggable resource of a synthesized template with its tags; an intrinsic where tags are makes them unknown. */
export function synthesizedResources(
  template: unknown,
  logicalIdPaths: ReadonlyMap<string, string>,
  stackTags: ReadonlyMap<string, string | undefined>,
): SynthesizedResource[] {
  const resources = isRecord(template) && isRecord(template.Resources) ? template.Resources : {};
  const result: SynthesizedResource[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isRecord(resource) || typeof resource.Type !== 'string') continue;
    const info = cloudFormationTagInfo(resource.Type);
    if (!info) continue;
    const metadata = isRecord(resource.Metadata) ? resource.Metadata['aws:cdk:path'] : undefined;
    const resourcePath = typeof metadata === 'string' ? metadata : logicalIdPaths.get(logicalId);
    if (!resourcePath) continue;
    const properties = isRecord(resource.Properties) ? resource.Properties : {};
    const tags = templateTags(properties[info.property], info.shape === 'map');
    // A condition or a `Fn::If` around the resource is not followed: its tags are taken as they are written.
    const entries = new Map(tags.entries);
    for (const [key, value] of stackTags) if (!entries.has(key)) entries.set(key, value);
    result.push({ logicalId, type: resource.Type, path: resourcePath, tags: { entries, uncertain: new Set(), complete: tags.complete } });
  }
  return result;
}

function templateTags(value: unknown, map: boolean): { entries: Map<string, string | undefined>; complete: boolean } {
  const entries = new Map<string, string | undefined>();
  if (value === undefined) return { entries, complete: true };
  if (map) {
    if (!isRecord(value) || Object.keys(value).some((key) => key.startsWith('Fn::') || key === 'Ref')) return { entries, complete: false };
    for (const [key, tagValue] of Object.entries(value)) entries.set(key, typeof tagValue === 'string' ? tagValue : undefined);
    return { entries, complete: true };
  }
  if (!Array.isArray(value)) return { entries, complete: false };
  for (const item of value) {
    if (!isRecord(item) || typeof item.Key !== 'string') return { entries, complete: false };
    entries.set(item.Key, typeof item.Value === 'string' ? item.Value : undefined);
  }
  return { entries, complete: true };
}
