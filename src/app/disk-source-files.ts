import * as fs from 'node:fs/promises';
import type { SourceFiles } from '../analyzers/document-analyzer';
import { decodeText } from '../core/text-decoding';

/** The analyzers' other files read from the disk: what the CLI checks, and what the editor has not open. */
export const diskSourceFiles: SourceFiles = {
  async listDirectory(directory) {
    try {
      return await fs.readdir(directory);
    } catch {
      return [];
    }
  },
  async stamp(file) {
    try {
      const stat = await fs.stat(file);
      return stat.isFile() ? `disk:${stat.mtimeMs}:${stat.size}` : undefined;
    } catch {
      return undefined;
    }
  },
  async modifiedTime(file) {
    try {
      return (await fs.stat(file)).mtimeMs;
    } catch {
      return undefined;
    }
  },
  // The one decoder (BOM dropped, UTF-16 read); a file that cannot be decoded reads as empty, as if it declared nothing.
  async readText(file) {
    const decoded = decodeText(await fs.readFile(file));
    return decoded.ok ? decoded.text : '';
  },
};
