import { createHash } from 'node:crypto';
import type { CodeFinding } from '../../core/code-finding';
import type { FileStamp } from './file-content';

/**
 * What the workspace check found in each file, keyed by the file and the hash of its bytes, kept in the
 * extension's storage so that a reopened workspace analyses only the files that changed. An entry holds while
 * both the file's content and the judging context (policy, settings, assumed regions: `contextKey`) are the same;
 * the whole cache is dropped when the extension version or the format changes (analyzers may judge differently).
 */
export type CachedOutcome = 'iac' | 'code' | 'nothing-to-check';

export interface CachedFile {
  readonly hash: string;
  /** Modification time and size when hashed: the same on disk means the same content, without reading it. */
  readonly stamp?: FileStamp;
  readonly outcome: CachedOutcome;
  /**
   * The key of what its findings were judged with (for its outcome's kind: IaC findings do not depend on regions);
   * unset for 'nothing-to-check' (the analyzers' cheap text test needs no context).
   */
  readonly contextKey?: string;
  readonly findings: readonly CodeFinding[];
  /** Terraform: what other files of its module may read from it (see dependents.ts). */
  readonly terraform?: TerraformTraits;
}

export interface TerraformTraits {
  /** Declares providers, locals or module calls: the files of its own module read them. */
  readonly declaresContext: boolean;
  /** Calls modules: the files of modules below its folder read its providers' default tags. */
  readonly callsModules: boolean;
}

const FORMAT = 1;

interface StoredCache {
  readonly format: number;
  readonly version: string;
  readonly files: Record<string, CachedFile>;
}

export class FindingsCache {
  private readonly files: Map<string, CachedFile>;
  private changed = false;

  constructor(private readonly version: string, files?: Map<string, CachedFile>) {
    this.files = files ?? new Map();
  }

  /** The cache stored by `serialize()`; empty when it is unreadable or from another version of the extension. */
  static parse(json: string | undefined, version: string): FindingsCache {
    if (!json) return new FindingsCache(version);
    try {
      const stored = JSON.parse(json) as Partial<StoredCache>;
      if (stored.format !== FORMAT || stored.version !== version || typeof stored.files !== 'object' || !stored.files) return new FindingsCache(version);
      return new FindingsCache(version, new Map(Object.entries(stored.files)));
    } catch {
      return new FindingsCache(version);
    }
  }

  serialize(): string {
    this.changed = false;
    const stored: StoredCache = { format: FORMAT, version: this.version, files: Object.fromEntries(this.files) };
    return JSON.stringify(stored);
  }

  /** Whether anything changed since the last `serialize()`. */
  get dirty(): boolean {
    return this.changed;
  }

  get size(): number {
    return this.files.size;
  }

  /** The entry when it still holds for this content and the context key of its kind. */
  lookup(key: string, hash: string, contextKeys: Readonly<Record<'iac' | 'code', string>>): CachedFile | undefined {
    const entry = this.files.get(key);
    if (!entry || entry.hash !== hash) return undefined;
    return entry.outcome === 'nothing-to-check' || entry.contextKey === contextKeys[entry.outcome] ? entry : undefined;
  }

  /** The entry whatever its content (what a file was before it changed). */
  peek(key: string): CachedFile | undefined {
    return this.files.get(key);
  }

  set(key: string, entry: CachedFile): void {
    this.files.set(key, entry);
    this.changed = true;
  }

  delete(key: string): void {
    if (this.files.delete(key)) this.changed = true;
  }

  keys(): IterableIterator<string> {
    return this.files.keys();
  }

  clear(): void {
    if (this.files.size > 0) this.changed = true;
    this.files.clear();
  }
}

/** A short key for whatever the findings were judged with (policy, settings, assumed regions), as plain data. */
export function contextKeyOf(judgedWith: unknown): string {
  return createHash('sha1').update(JSON.stringify(judgedWith) ?? '').digest('base64');
}
