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
  return {
    file: 'src/analyzers/terraform/taggable-types.json',
    text: terraformTableText(types, TFLINT_RULESET_AWS_COMMIT),
    count: new Set(types).size,
  };
}

interface SpecType {
  type: string;
  element?: SpecType;
  reference?: { $ref: string };
}

interface SpecProperty {
  type: SpecType;
  documentation?: string;
}

interface SpecTypeDefinition {
  $id: string;
  properties?: Record<string, SpecProperty>;
}

interface SpecResource {
  cloudFormationType: string;
  properties?: Record<string, SpecProperty>;
  tagInformation?: { tagPropertyName: string; variant: 'standard' | 'map' | 'asg' | 'json' };
}

export interface ServiceSpec {
  readonly resources: Iterable<SpecResource>;
  readonly typeDefinitions: Iterable<SpecTypeDefinition>;
}

/**
 * Shapes of a CloudFormation tag property: `list` (Key/Value objects), `map` (string map), `asg`
 * (Key/Value/PropagateAtLaunch); free JSON is treated like a map; `spec` is a list of `{ ResourceType, Tags }` tag
 * specifications, with the ResourceType that tags the resource itself as a third element
 * (AWS::EC2::LaunchTemplate -> ['TagSpecifications', 'spec', 'launch-template']).
 */
const SHAPES = { standard: 'list', map: 'map', asg: 'asg', json: 'map' } as const;
const SPEC_PATHS: Readonly<Record<string, string>> = { 'AWS::EC2::SpotFleet': 'SpotFleetRequestConfigData.TagSpecifications' };
const SPEC_RESOURCE_TYPES: Readonly<Record<string, string>> = {
  'AWS::EC2::EC2Fleet': 'fleet',
  'AWS::WorkspacesInstances::Volume': 'volume',
  'AWS::EC2::SpotFleet': 'spot-fleet-request',
};

/** CloudFormation type -> [tag property, shape] (or [path, 'spec', ResourceType]), from the spec database. */
export function cloudFormationTableText(spec: ServiceSpec, specVersion: string): { text: string; count: number } {
  const resources = [...spec.resources];
  const typeDefinitions = new Map([...spec.typeDefinitions].map((definition) => [definition.$id, definition]));
  const specificationType = (properties: Record<string, SpecProperty>, propertyPath: string[]): SpecTypeDefinition | undefined => {
    const [first, ...rest] = propertyPath;
    let type = properties[first ?? '']?.type;
    if (type?.type === 'array') type = type.element;
    const definition = type?.type === 'ref' && type.reference ? typeDefinitions.get(type.reference.$ref) : undefined;
    return rest.length === 0 ? definition : definition && specificationType(definition.properties ?? {}, rest);
  };
  const types: Record<string, [string, string] | [string, string, string]> = {};
  for (const resource of resources) {
    const info = resource.tagInformation;
    if (!info) continue;
    types[resource.cloudFormationType] = [info.tagPropertyName, SHAPES[info.variant] ?? 'map'];
  }
  // Types whose own tags come only through `TagSpecifications` ({ ResourceType, Tags } items): the schema has no
  // tagInformation for them. The ResourceType to look for is the one each property's documentation names.
  for (const resource of resources) {
    if (resource.tagInformation) continue;
    const propertyPath = SPEC_PATHS[resource.cloudFormationType] ?? 'TagSpecifications';
    const specification = specificationType(resource.properties ?? {}, propertyPath.split('.'));
    if (!specification?.properties?.Tags || !specification.properties.ResourceType) continue;
    const documented = /`([a-z][a-z0-9-]*)`/.exec(specification.properties.ResourceType.documentation ?? '')?.[1];
    const resourceType = SPEC_RESOURCE_TYPES[resource.cloudFormationType] ?? documented;
    if (resourceType) types[resource.cloudFormationType] = [propertyPath, 'spec', resourceType];
  }
  const sorted = Object.fromEntries(Object.entries(types).sort(([a], [b]) => a.localeCompare(b)));
  return {
    text: JSON.stringify({ source: `@aws-cdk/aws-service-spec@${specVersion}`, types: sorted }) + '\n',
    count: Object.keys(sorted).length,
  };
}

/**
 * The spec database is 10+ MB unpacked and the table ~50 KB, so the table is committed and the spec stays a dev
 * dependency.
 */
export function generateCloudFormationTable(): GeneratedTable {
  const specPath = require.resolve('@aws-cdk/aws-service-spec/db.json.gz');
  const specVersion = (JSON.parse(fs.readFileSync(path.join(path.dirname(specPath), 'package.json'), 'utf8')) as { version: string })
    .version;
  const db = JSON.parse(zlib.gunzipSync(fs.readFileSync(specPath)).toString('utf8')) as {
    schema: { resource: { entities: Record<string, SpecResource> }; typeDefinition: { entities: Record<string, SpecTypeDefinition> } };
  };
  const { text, count } = cloudFormationTableText(
    { resources: Object.values(db.schema.resource.entities), typeDefinitions: Object.values(db.schema.typeDefinition.entities) },
    specVersion,
  );
  return { file: 'src/analyzers/cloudformation/taggable-types.json', text, count };
}

export function generateTaggableTypeTables(): GeneratedTable[] {
  return [generateTerraformTable(), generateCloudFormationTable()];
}

export function absolutePath(table: GeneratedTable): string {
  return path.join(ROOT, table.file);
}
