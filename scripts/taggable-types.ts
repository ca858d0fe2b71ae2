/**
 * The generators of the two taggable-type tables (tools/taggable-types/README.md names their sources). Pure
 * functions from source to file text, so that a unit test can check the committed tables against them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

const ROOT = path.join(__dirname, '..');

/** The tflint-ruleset-aws commit that tools/taggable-types/tflint-ruleset-aws/resources.go was copied from. */
export const TFLINT_RULESET_AWS_COMMIT = 'e439f77b1f4448c539c489fb3c30d031bf5461b0';
const TFLINT_RESOURCES_GO = path.join(ROOT, 'tools', 'taggable-types', 'tflint-ruleset-aws', 'resources.go');

export interface GeneratedTable {
  /** Repository-relative path of the committed table. */
  readonly file: string;
  readonly text: string;
  readonly count: number;
}

/** The `Resources` string slice of tflint-ruleset-aws's generated rules/tags/resources.go, in file order. */
export function resourceTypesOfTflintGoFile(goSource: string): string[] {
  const body = /var Resources = \[\]string\{([\s\S]*?)\n\}/.exec(goSource)?.[1];
  if (body === undefined) throw new Error('No `var Resources = []string{...}` in the tflint-ruleset-aws file.');
  const types = [...body.matchAll(/"([a-z0-9_]+)"/g)].map((match) => match[1]!);
  if (types.length === 0) throw new Error('The tflint-ruleset-aws Resources list is empty.');
  return types;
}

/** One type a line, so that an upstream update reads as a diff of added and removed types. */
export function terraformTableText(types: readonly string[], commit: string): string {
  const source = `tflint-ruleset-aws rules/tags/resources.go @ ${commit} (generated upstream from the AWS provider schema), vendored in tools/taggable-types`;
  const sorted = [...new Set(types)].sort();
  return `{\n"source": ${JSON.stringify(source)},\n"types": [\n${sorted.map((type) => JSON.stringify(type)).join(',\n')}\n]\n}\n`;
}

export function generateTerraformTable(): GeneratedTable {
  const types = resourceTypesOfTflintGoFile(fs.readFileSync(TFLINT_RESOURCES_GO, 'utf8'));
  return { file: 'src/analyzers/terraform/taggable-types.json', text: terraformTableText(types, TFLINT_RULESET_AWS_COMMIT), count: new Set(types).size };
}

interface SpecResource {
  cloudFormationType: string;
  tagInformation?: { tagPropertyName: string; variant: 'standard' | 'map' | 'asg' | 'json' };
}

/** Shapes of a CloudFormation tag property: `list` (Key/Value objects), `map` (string map), `asg` (Key/Value/PropagateAtLaunch); free JSON is treated like a map. */
const SHAPES = { standard: 'list', map: 'map', asg: 'asg', json: 'map' } as const;

/** CloudFormation type -> [tag property name, shape], from the spec database's resource entities. */
export function cloudFormationTableText(resources: Iterable<SpecResource>, specVersion: string): { text: string; count: number } {
  const types: Record<string, [string, string]> = {};
  for (const resource of resources) {
    const info = resource.tagInformation;
    if (!info) continue;
    types[resource.cloudFormationType] = [info.tagPropertyName, SHAPES[info.variant] ?? 'map'];
  }
  const sorted = Object.fromEntries(Object.entries(types).sort(([a], [b]) => a.localeCompare(b)));
  return { text: JSON.stringify({ source: `@aws-cdk/aws-service-spec@${specVersion}`, types: sorted }) + '\n', count: Object.keys(sorted).length };
}

/**
 * The spec database is 10+ MB unpacked and the table ~50 KB, so the table is committed and the spec stays a dev
 * dependency.
 */
export function generateCloudFormationTable(): GeneratedTable {
  const specPath = require.resolve('@aws-cdk/aws-service-spec/db.json.gz');
  const specVersion = (JSON.parse(fs.readFileSync(path.join(path.dirname(specPath), 'package.json'), 'utf8')) as { version: string }).version;
  const db = JSON.parse(zlib.gunzipSync(fs.readFileSync(specPath)).toString('utf8')) as {
    schema: { resource: { entities: Record<string, SpecResource> } };
  };
  const { text, count } = cloudFormationTableText(Object.values(db.schema.resource.entities), specVersion);
  return { file: 'src/analyzers/cloudformation/taggable-types.json', text, count };
}

export function generateTaggableTypeTables(): GeneratedTable[] {
  return [generateTerraformTable(), generateCloudFormationTable()];
}

export function absolutePath(table: GeneratedTable): string {
  return path.join(ROOT, table.file);
}
