/**
 * Regenerates src/analyzers/cloudformation/taggable-types.json from @aws-cdk/aws-service-spec (a dev
 * dependency: the spec database is 10+ MB, the table we need is ~50 KB, so we commit the table, not the spec).
 *
 *   node --import tsx scripts/generate-cfn-taggable-types.ts
 *
 * Each entry: CloudFormation type -> [tag property name, shape]. Shapes: `list` (Key/Value objects), `map`
 * (string map), `asg` (Key/Value/PropagateAtLaunch), `json` (free JSON, treated like map), `spec` (a list of
 * `{ ResourceType, Tags }` tag specifications: the property path, the shape and the ResourceType that tags the
 * resource itself, e.g. AWS::EC2::LaunchTemplate -> ['TagSpecifications', 'spec', 'launch-template']).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

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

const SHAPES = { standard: 'list', map: 'map', asg: 'asg', json: 'map' } as const;

const specPath = require.resolve('@aws-cdk/aws-service-spec/db.json.gz');
const specVersion = (JSON.parse(fs.readFileSync(path.join(path.dirname(specPath), 'package.json'), 'utf8')) as { version: string }).version;
const db = JSON.parse(zlib.gunzipSync(fs.readFileSync(specPath)).toString('utf8')) as {
  schema: { resource: { entities: Record<string, SpecResource> }; typeDefinition: { entities: Record<string, SpecTypeDefinition> } };
};

const types: Record<string, [string, string] | [string, string, string]> = {};
for (const resource of Object.values(db.schema.resource.entities)) {
  const info = resource.tagInformation;
  if (!info) continue;
  types[resource.cloudFormationType] = [info.tagPropertyName, SHAPES[info.variant] ?? 'map'];
}
// Types whose own tags come only through `TagSpecifications` ({ ResourceType, Tags } items): the schema has no
// tagInformation for them. The ResourceType to look for is the one each property's documentation names.
const typeDefinitions = new Map(Object.values(db.schema.typeDefinition.entities).map((definition) => [definition.$id, definition]));
const SPEC_PATHS: Record<string, string> = { 'AWS::EC2::SpotFleet': 'SpotFleetRequestConfigData.TagSpecifications' };
const SPEC_RESOURCE_TYPES: Record<string, string> = { 'AWS::EC2::EC2Fleet': 'fleet', 'AWS::WorkspacesInstances::Volume': 'volume', 'AWS::EC2::SpotFleet': 'spot-fleet-request' };
for (const resource of Object.values(db.schema.resource.entities)) {
  if (resource.tagInformation) continue;
  const path = SPEC_PATHS[resource.cloudFormationType] ?? 'TagSpecifications';
  const specification = specificationType(resource.properties ?? {}, path.split('.'));
  if (!specification?.properties?.Tags || !specification.properties.ResourceType) continue;
  const documented = /`([a-z][a-z0-9-]*)`/.exec(specification.properties.ResourceType.documentation ?? '')?.[1];
  const resourceType = SPEC_RESOURCE_TYPES[resource.cloudFormationType] ?? documented;
  if (resourceType) types[resource.cloudFormationType] = [path, 'spec', resourceType];
}

function specificationType(properties: Record<string, SpecProperty>, path: string[]): SpecTypeDefinition | undefined {
  const [first, ...rest] = path;
  let type = properties[first ?? '']?.type;
  if (type?.type === 'array') type = type.element;
  const definition = type?.type === 'ref' && type.reference ? typeDefinitions.get(type.reference.$ref) : undefined;
  return rest.length === 0 ? definition : definition && specificationType(definition.properties ?? {}, rest);
}

const sorted = Object.fromEntries(Object.entries(types).sort(([a], [b]) => a.localeCompare(b)));
const out = path.join(__dirname, '..', 'src', 'analyzers', 'cloudformation', 'taggable-types.json');
fs.writeFileSync(out, JSON.stringify({ source: `@aws-cdk/aws-service-spec@${specVersion}`, types: sorted }) + '\n');
console.log(`${Object.keys(sorted).length} taggable CloudFormation types -> ${path.relative(process.cwd(), out)}`);
