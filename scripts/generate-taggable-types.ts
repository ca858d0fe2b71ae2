/**
 * Regenerates the taggable-type tables from their sources (tools/taggable-types/README.md).
 *
 *   npm run gen:taggable-types             write both tables
 *   npm run gen:taggable-types -- --check  exit 1 if a committed table differs from its source
 */
import * as fs from 'node:fs';
import { absolutePath, generateTaggableTypeTables } from './taggable-types';

const check = process.argv.includes('--check');
let stale = 0;
for (const table of generateTaggableTypeTables()) {
  const target = absolutePath(table);
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
  if (current === table.text) {
    console.log(`${table.file}: ${table.count} types, up to date`);
  } else if (check) {
    stale++;
    console.error(`${table.file}: differs from its source; run npm run gen:taggable-types`);
  } else {
    fs.writeFileSync(target, table.text);
    console.log(`${table.file}: ${table.count} types, written`);
  }
}
process.exitCode = stale ? 1 : 0;
