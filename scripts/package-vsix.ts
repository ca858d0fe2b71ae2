/**
 * `npm run package`: tagsight.vsix in the repository root, built the way the vsix integration suite builds it
 * (production bundles in a staging folder, `vsce ls` checked against the allowlist, then `vsce package`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packageVsix } from '../test/integration/harness/vsix';

async function main(): Promise<void> {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-package-'));
  try {
    const { vsix, files } = await packageVsix(staging);
    const target = path.resolve(__dirname, '..', 'tagsight.vsix');
    fs.copyFileSync(vsix, target);
    const kb = (file: string) => `${Math.round(fs.statSync(file).size / 1024)} KB`;
    console.log(`${target}: ${kb(target)}, ${files.length} files; extension.js ${kb(path.join(staging, 'dist', 'extension.js'))}`);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
