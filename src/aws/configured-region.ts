import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { ConfiguredRegion, ConfiguredRegionLookup, RegionLookupTool } from '../core/configured-region';

/**
 * The region a client without a region in code would use, tool by tool, as each tool looks it up: Tagsight's own
 * `tagsight.regionCheck.assumedRegion` setting first (the user said so), then the region variables that tool reads,
 * then the `region` of the profile it would use in the shared files. The editor and the CLI both build their lookup
 * here, so they name the same source.
 */
export interface ConfiguredRegionInput {
  /** The `tagsight.regionCheck.assumedRegion` setting ('' when unset). */
  readonly assumedRegion?: string;
  readonly env: Env;
}

type Env = Readonly<Record<string, string | undefined>>;

interface ToolRules {
  /** As a source names it: "boto3 ignores `AWS_REGION`". */
  readonly name: string;
  /** The region variables it reads, in its order. */
  readonly regionVariables: readonly string[];
  /** What a source adds when it names one of them. */
  readonly variableNotes?: Readonly<Record<string, string>>;
  /** Another tool's region variable this one does not read: named when set, so the user learns why it did not count. */
  readonly ignores?: string;
  /** The variables that choose its profile when the code names none, in its order; else `default`. */
  readonly profileVariables: readonly string[];
  /** The variable without which it reads no shared file at all (SDK v2). */
  readonly sharedFilesOptIn?: string;
}

/**
 * Each tool's order, from its source: @smithy/config-resolver NODE_REGION_CONFIG_OPTIONS (SDK v3); aws-sdk-js
 * lib/node_loader.js `region` (SDK v2); botocore configprovider.py BOTOCORE_DEFAUT_SESSION_VARIABLES (boto3); the
 * same table in aws-cli v2's awscli/botocore/configprovider.py (AWS CLI v2; v1 reads boto3's variables).
 * All of them take a profile's `region` from the credentials file before the config file.
 */
const RULES: Record<RegionLookupTool, ToolRules> = {
  'js-v3': {
    name: 'the JavaScript SDK v3',
    regionVariables: ['AWS_REGION'],
    ignores: 'AWS_DEFAULT_REGION',
    profileVariables: ['AWS_PROFILE'],
  },
  'js-v2': {
    name: 'the JavaScript SDK v2',
    regionVariables: ['AWS_REGION', 'AMAZON_REGION'],
    ignores: 'AWS_DEFAULT_REGION',
    profileVariables: ['AWS_PROFILE'],
    sharedFilesOptIn: 'AWS_SDK_LOAD_CONFIG',
  },
  boto3: {
    name: 'boto3',
    regionVariables: ['AWS_DEFAULT_REGION'],
    ignores: 'AWS_REGION',
    profileVariables: ['AWS_DEFAULT_PROFILE', 'AWS_PROFILE'],
  },
  'aws-cli': {
    name: 'the AWS CLI',
    regionVariables: ['AWS_REGION', 'AWS_DEFAULT_REGION'],
    variableNotes: { AWS_REGION: 'the AWS CLI v2 reads it; v1 reads only `AWS_DEFAULT_REGION`' },
    profileVariables: ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'],
  },
};

const ASSUMED_REGION_SOURCE = 'setting `tagsight.regionCheck.assumedRegion`';

function variable(env: Env, name: string): string | undefined {
  return env[name]?.trim() || undefined;
}

/** The ignored variable when it is set, so that a source can say it did not count. */
function ignoredAndSet(rules: ToolRules, env: Env): string | undefined {
  return rules.ignores && variable(env, rules.ignores) ? rules.ignores : undefined;
}

function withNotes(source: string, notes: readonly (string | undefined)[]): string {
  const present = notes.filter((note): note is string => note !== undefined);
  return present.length ? `${source} (${present.join('; ')})` : source;
}

function fromVariables(rules: ToolRules, env: Env): ConfiguredRegion | undefined {
  for (const name of rules.regionVariables) {
    const region = variable(env, name);
    if (!region) continue;
    const ignored = ignoredAndSet(rules, env);
    return {
      region,
      source: withNotes(`\`${name}\``, [rules.variableNotes?.[name], ignored && `${rules.name} reads it; it ignores \`${ignored}\``]),
    };
  }
  return undefined;
}

interface SharedFiles {
  readonly configPath: string;
  readonly credentialsPath: string;
  readonly config: Readonly<Record<string, Readonly<Record<string, string | undefined>> | undefined>>;
  readonly credentials: Readonly<Record<string, Readonly<Record<string, string | undefined>> | undefined>>;
}

/** Reads the shared config and credentials files (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, else ~/.aws) once. */
async function readSharedFiles(env: Env): Promise<SharedFiles> {
  const configPath = variable(env, 'AWS_CONFIG_FILE') ?? '~/.aws/config';
  const credentialsPath = variable(env, 'AWS_SHARED_CREDENTIALS_FILE') ?? '~/.aws/credentials';
  const files = await loadSharedConfigFiles({ ignoreCache: true, configFilepath: configPath, filepath: credentialsPath });
  return { configPath, credentialsPath, config: files.configFile, credentials: files.credentialsFile };
}

function fromProfile(rules: ToolRules, env: Env, files: SharedFiles, named: string | undefined): ConfiguredRegion | undefined {
  if (rules.sharedFilesOptIn && !variable(env, rules.sharedFilesOptIn)) return undefined;
  const chosenBy = named === undefined ? rules.profileVariables.find((name) => variable(env, name)) : undefined;
  const profile = named ?? (chosenBy ? variable(env, chosenBy)! : 'default');
  const inCredentials = files.credentials[profile]?.region?.trim();
  const region = inCredentials || files.config[profile]?.region?.trim();
  if (!region) return undefined;
  const ignored = ignoredAndSet(rules, env);
  const source = `profile "${profile}"${chosenBy ? ` (\`${chosenBy}\`)` : ''} in ${inCredentials ? files.credentialsPath : files.configPath}`;
  return {
    region,
    source: withNotes(source, [
      rules.sharedFilesOptIn && `read because \`${rules.sharedFilesOptIn}\` is set`,
      ignored && `${rules.name} ignores \`${ignored}\``,
    ]),
  };
}

/**
 * The lookup for analyzers, which read no files: the shared files are read once here. Recreate it when the
 * setting, the environment or the files change.
 */
export async function loadConfiguredRegions(input: ConfiguredRegionInput): Promise<ConfiguredRegionLookup> {
  const assumed = input.assumedRegion?.trim();
  const files = await readSharedFiles(input.env);
  return (tool, profile) => {
    if (assumed) return { region: assumed, source: ASSUMED_REGION_SOURCE };
    const rules = RULES[tool];
    return fromVariables(rules, input.env) ?? fromProfile(rules, input.env, files, profile);
  };
}
