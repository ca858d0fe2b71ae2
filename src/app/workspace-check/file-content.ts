import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { decodeText } from '../../core/text-decoding';

/**
 * Reading the workspace check's files. Files on the extension host's own disk are read with Node's fs (a thread
 * pool read, no round trip to the workbench: 0.25 ms a file against 6-8 ms through workspace.fs); the editor layer
 * reads other schemes (virtual and remote file systems) through workspace.fs and shares the rest from here: the
 * size cap, the decoding and the content hash the findings cache is keyed on.
 */
export type FileContent =
  | { readonly kind: 'text'; readonly text: string; readonly hash: string; readonly stamp?: FileStamp }
  /** Same modification time and size as when `hash` was taken: not read again (as git's index does). */
  | { readonly kind: 'unchanged'; readonly hash: string }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'unreadable' }
  /** Bytes that are no text in an encoding the checks read: `lossy` is what a lenient decoding makes of them. */
  | { readonly kind: 'undecodable'; readonly reason: string; readonly lossy: string };

/** A file's modification time and size when it was read. */
export interface FileStamp {
  readonly mtimeMs: number;
  readonly size: number;
}

/** A short digest of the bytes: equal digests mean the findings cached for them still hold. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64');
}

/** The text as every check decodes it (core/text-decoding.ts: UTF-8 with or without BOM, UTF-16). */
export function fileContentOf(bytes: Uint8Array): FileContent & { readonly kind: 'text' | 'undecodable' } {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { kind: 'undecodable', reason: decoded.reason, lossy: decoded.lossy };
  return { kind: 'text', text: decoded.text, hash: contentHash(bytes) };
}

/**
 * One file from the local disk; a file over `maxBytes` is not read at all, nor one whose modification time and
 * size are those `known` (then its content is taken to be the one hashed then).
 */
export async function readDiskFile(
  filePath: string,
  maxBytes: number,
  known?: FileStamp & { readonly hash: string },
): Promise<FileContent> {
  let handle: fsp.FileHandle | undefined;
  try {
    if (known) {
      const stat = await fsp.stat(filePath);
      if (stat.isFile() && stat.mtimeMs === known.mtimeMs && stat.size === known.size) return { kind: 'unchanged', hash: known.hash };
    }
    handle = await fsp.open(filePath, 'r');
    const stat = await handle.stat();
    if (!stat.isFile()) return { kind: 'unreadable' };
    if (stat.size > maxBytes) return { kind: 'too-large' };
    const content = fileContentOf(await handle.readFile());
    return content.kind === 'text' ? { ...content, stamp: { mtimeMs: stat.mtimeMs, size: stat.size } } : content;
  } catch {
    return { kind: 'unreadable' };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Reads items in order with at most `limit` reads in flight ahead of the consumer: `next(i)` starts the reads up to
 * `i + limit - 1` and resolves with item i's. The consumer analyses file i while the thread pool reads the next
 * ones, and memory holds at most `limit` files it has not yet consumed.
 */
export function readAhead<T, R>(items: readonly T[], limit: number, read: (item: T) => Promise<R>): (index: number) => Promise<R> {
  const started = new Map<number, Promise<R>>();
  let nextToStart = 0;
  return (index) => {
    while (nextToStart < items.length && nextToStart < index + Math.max(1, limit)) {
      started.set(nextToStart, read(items[nextToStart]!));
      nextToStart++;
    }
    const result = started.get(index) ?? read(items[index]!);
    started.delete(index);
    return result;
  };
}
