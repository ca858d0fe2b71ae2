import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { ConfiguredRegion } from '../core/configured-region';

/**
 * The region an SDK or CLI client without a region in code would use, in the order the tools look it up:
 * Tagsight's own `tagsight.regionCheck.assumedRegion` setting first (the user said so), then `AWS_REGION`,
 * `AWS_DEFAULT_REGION`, then the profile's `region` in the shared config file. The source is named so that a
 * diagnostic can say which one it used. Undefined when none gives a region: then nothing is assumed.
 */
export interface ConfiguredRegionInput {
  /** The `tagsight.regionCheck.assumedRegion` setting ('' when unset). */
  readonly assumedRegion?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** A profile named in the code (`--profile`, `profile_name=`); else `AWS_PROFILE`, else `default`. */
  readonly profile?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const ASSUMED_REGION_SOURCE = 'setting `tagsight.regionCheck.assumedRegion`';

/** The first two steps of the order, which need no file. */
function regionFromSettingOrEnv(input: Omit<ConfiguredRegionInput, 'profile'>): ConfiguredRegion | undefined {
  const assumed = input.assumedRegion?.trim();
  if (assumed) return { region: assumed, source: ASSUMED_REGION_SOURCE };
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const value = input.env[name]?.trim();
    if (value) return { region: value, source: `\`${name}\`` };
  }
  return undefined;
}

/** Reads the shared config file (AWS_CONFIG_FILE, else ~/.aws/config) once; gives the `region` of a profile in it. */
async function readProfileRegions(env: Env): Promise<(profile: string) => ConfiguredRegion | undefined> {
  const configFilepath = env.AWS_CONFIG_FILE;
  const files = await loadSharedConfigFiles({ ignoreCache: true, ...(configFilepath ? { configFilepath } : {}) });
  return (profile) => {
    const region = files.configFile?.[profile]?.region?.trim();
    return region ? { region, source: `profile "${profile}" in ${configFilepath ?? '~/.aws/config'}` } : undefined;
  };
}

export async function resolveConfiguredRegion(input: ConfiguredRegionInput): Promise<ConfiguredRegion | undefined> {
  const known = regionFromSettingOrEnv(input);
  if (known) return known;
  const profileRegion = await readProfileRegions(input.env);
  return profileRegion(input.profile ?? input.env.AWS_PROFILE ?? 'default');
}

/**
 * A synchronous lookup for analyzers (which read no files): the shared config file is read once here, and each
 * lookup applies the same order as resolveConfiguredRegion for the named profile. Recreate it when the setting,
 * the environment or the config file changes.
 */
export async function createProfileRegionLookup(
  input: Omit<ConfiguredRegionInput, 'profile'>,
): Promise<(profile: string) => ConfiguredRegion | undefined> {
  const profileRegion = await readProfileRegions(input.env);
  return (profile) => regionFromSettingOrEnv(input) ?? profileRegion(profile);
}
