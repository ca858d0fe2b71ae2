import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';

/** A profile of the shared config/credentials files, as the profile picker shows it. Never its secrets. */
export interface AwsProfileInfo {
  readonly name: string;
  readonly region?: string;
  readonly kind: 'sso' | 'role' | 'keys' | 'process' | 'other';
  /** Which files define it. */
  readonly sources: ReadonlyArray<'config' | 'credentials'>;
}

// loadSharedConfigFiles lists `[sso-session x]` and `[services x]` sections next to profiles, keyed with a dot.
const NOT_PROFILES = /^(sso-session|services)\./;

/**
 * Every profile of ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE),
 * read fresh each time: the loader caches per process otherwise, and users add profiles while VS Code runs.
 */
export async function listProfiles(): Promise<AwsProfileInfo[]> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const names = new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)].filter((name) => !NOT_PROFILES.test(name)));
  return [...names].sort().map((name) => {
    const config = configFile[name] ?? {};
    const credentials = credentialsFile[name] ?? {};
    const merged = { ...config, ...credentials };
    const kind: AwsProfileInfo['kind'] =
      merged.sso_session || merged.sso_start_url
        ? 'sso'
        : merged.role_arn
          ? 'role'
          : merged.aws_access_key_id
            ? 'keys'
            : merged.credential_process
              ? 'process'
              : 'other';
    const sources: Array<'config' | 'credentials'> = [];
    if (configFile[name]) sources.push('config');
    if (credentialsFile[name]) sources.push('credentials');
    return { name, region: config.region, kind, sources };
  });
}
