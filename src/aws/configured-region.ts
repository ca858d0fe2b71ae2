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

export async function resolveConfiguredRegion(input: ConfiguredRegionInput): Promise<ConfiguredRegion | undefined> {
  const assumed = input.assumedRegion?.trim();
  if (assumed) return { region: assumed, source: 'setting `tagsight.regionCheck.assumedRegion`' };
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const value = input.env[name]?.trim();
    if (value) return { region: value, source: `\`${name}\`` };
  }
  return profileRegion(input.profile ?? input.env.AWS_PROFILE ?? 'default', input.env);
}

/** The `region` of one profile in the shared config file (AWS_CONFIG_FILE, else ~/.aws/config). */
export async function profileRegion(profile: string, env: Readonly<Record<string, string | undefined>>): Promise<ConfiguredRegion | undefined> {
  const configFilepath = env.AWS_CONFIG_FILE;
  const files = await loadSharedConfigFiles({ ignoreCache: true, ...(configFilepath ? { configFilepath } : {}) });
  const region = files.configFile?.[profile]?.region?.trim();
  return region ? { region, source: `profile "${profile}" in ${configFilepath ?? '~/.aws/config'}` } : undefined;
}

/**
 * A synchronous lookup for analyzers (which read no files): the shared config file is read once here, and each
 * lookup applies the same order as resolveConfiguredRegion for the named profile. Recreate it when the setting,
 * the environment or the config file changes.
 */
export async function createProfileRegionLookup(
  input: Omit<ConfiguredRegionInput, 'profile'>,
): Promise<(profile: string) => ConfiguredRegion | undefined> {
  const configFilepath = input.env.AWS_CONFIG_FILE;
  const files = await loadSharedConfigFiles({ ignoreCache: true, ...(configFilepath ? { configFilepath } : {}) });
  return (profile) => {
    const assumed = input.assumedRegion?.trim();
    if (assumed) return { region: assumed, source: 'setting `tagsight.regionCheck.assumedRegion`' };
    for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
      const value = input.env[name]?.trim();
      if (value) return { region: value, source: `\`${name}\`` };
    }
    const region = files.configFile?.[profile]?.region?.trim();
    return region ? { region, source: `profile "${profile}" in ${configFilepath ?? '~/.aws/config'}` } : undefined;
  };
}
