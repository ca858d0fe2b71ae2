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

const FORMAT = 2;

/**
 * Stored as JSON lines: a header, then one `[key, entry]` per file, so that reading and writing thousands of
 * entries can yield to the event loop between lines instead of blocking it for one big JSON.parse/stringify.
 */
interface StoredHeader {
  readonly format: number;
  readonly version: string;
}

/** Lets long work yield to the event loop (time-slice.ts). */
export interface Yielder {
  yieldIfDue(): Promise<unknown>;
}

const NEVER_YIELD: Yielder = { yieldIfDue: () => Promise.resolve(false) };

export class FindingsCache {
  private readonly files: Map<string, CachedFile>;
  private changed = false;

  constructor(
    private readonly version: string,
    files?: Map<string, CachedFile>,
  ) {
    this.files = files ?? new Map();
  }

  /** The cache stored by `serialize()`; empty when it is unreadable or from another version of the extension. */
  static async parse(text: string | undefined, version: string, yielder: Yielder = NEVER_YIELD): Promise<FindingsCache> {
    if (!text) return new FindingsCache(version);
    try {
      const lines = text.split('\n');
      const header = JSON.parse(lines[0] ?? '') as Partial<StoredHeader>;
      if (header.format !== FORMAT || header.version !== version) return new FindingsCache(version);
      const files = new Map<string, CachedFile>();
      for (let index = 1; index < lines.length; index++) {
        if (!lines[index]) continue;
        const [key, entry] = JSON.parse(lines[index]!) as [string, CachedFile];
        files.set(key, entry);
        await yielder.yieldIfDue();
      }
      return new FindingsCache(version, files);
    } catch {
      return new FindingsCache(version);
    }
  }

  async serialize(yielder: Yielder = NEVER_YIELD): Promise<string> {
    this.changed = false;
    const header: StoredHeader = { format: FORMAT, version: this.version };
    const lines = [JSON.stringify(header)];
    for (const entry of [...this.files]) {
      lines.push(JSON.stringify(entry));
      await yielder.yieldIfDue();
    }
    return lines.join('\n') + '\n';
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
  return createHash('sha1')
    .update(JSON.stringify(judgedWith) ?? '')
    .digest('base64');
}
