/**
 * Regenerates src/analyzers/cloudformation/taggable-types.json from @aws-cdk/aws-service-spec (a dev
 * dependency: the spec database is 10+ MB, the table we need is ~50 KB, so we commit the table, not the spec).
 *
 *   node --import tsx scripts/generate-cfn-taggable-types.ts
 *
 * Each entry: CloudFormation type -> [tag property name, shape]. Shapes: `list` (Key/Value objects), `map`
 * (string map), `asg` (Key/Value/PropagateAtLaunch), `json` (free JSON, treated like map).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

interface SpecResource {
  cloudFormationType: string;
  tagInformation?: { tagPropertyName: string; variant: 'standard' | 'map' | 'asg' | 'json' };
}

const SHAPES = { standard: 'list', map: 'map', asg: 'asg', json: 'map' } as const;

const specPath = require.resolve('@aws-cdk/aws-service-spec/db.json.gz');
const specVersion = (JSON.parse(fs.readFileSync(path.join(path.dirname(specPath), 'package.json'), 'utf8')) as { version: string }).version;
const db = JSON.parse(zlib.gunzipSync(fs.readFileSync(specPath)).toString('utf8')) as {
  schema: { resource: { entities: Record<string, SpecResource> } };
};

const types: Record<string, [string, string]> = {};
for (const resource of Object.values(db.schema.resource.entities)) {
  const info = resource.tagInformation;
  if (!info) continue;
  types[resource.cloudFormationType] = [info.tagPropertyName, SHAPES[info.variant] ?? 'map'];
}
const sorted = Object.fromEntries(Object.entries(types).sort(([a], [b]) => a.localeCompare(b)));
const out = path.join(__dirname, '..', 'src', 'analyzers', 'cloudformation', 'taggable-types.json');
fs.writeFileSync(out, JSON.stringify({ source: `@aws-cdk/aws-service-spec@${specVersion}`, types: sorted }) + '\n');
console.log(`${Object.keys(sorted).length} taggable CloudFormation types -> ${path.relative(process.cwd(), out)}`);
