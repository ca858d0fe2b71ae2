import * as vscode from 'vscode';

/**
 * Typed reading of every `tagsight.*` setting, in one place. Settings that choose credentials or where AWS calls
 * go are read from the user's (global) value only: VS Code already ignores machine/application-scoped values in
 * workspace settings, and reading `inspect().globalValue` keeps that true even if a scope is ever mis-declared,
 * so a cloned repository can never redirect AWS calls or pick credentials.
 */
export interface AwsSettings {
  /** Empty: the SDK's default chain (which honours AWS_PROFILE). */
  readonly profile: string | undefined;
  /** Empty: AWS itself, or AWS_ENDPOINT_URL(_<SERVICE>) as the SDK reads them. */
  readonly endpointUrl: string | undefined;
  /** Empty: every region enabled for the account. */
  readonly regions: readonly string[];
  readonly maxConcurrentRegions: number;
  /** A Config aggregator (in the home region) to read non-compliant results through; empty: each region. */
  readonly aggregator: string | undefined;
}

export type DiagnosticSeverityName = 'error' | 'warning' | 'information' | 'hint';

export interface TagsightSettings {
  readonly aws: AwsSettings;
  readonly policyFile: string;
  readonly requiredTags: unknown;
  readonly useAccountRules: boolean;
  readonly diagnostics: { readonly severity: DiagnosticSeverityName; readonly debounceMs: number };
  readonly terraformAdditionalTaggableTypes: readonly string[];
  readonly workspaceCheckEnabled: boolean;
  readonly regionCheckAssumedRegion: string | undefined;
  readonly blindSpotsLookbackDays: number;
  readonly readOnly: boolean;
  readonly watchIntervalMinutes: number;
}

function userValue<T>(configuration: vscode.WorkspaceConfiguration, key: string, fallback: T): T {
  const inspected = configuration.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

function clamp(value: number, min: number, max: number, fallback: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : fallback;
}

/** settings.json is hand-edited: a number or null where a string belongs must not break a scan. */
function nonEmpty(value: unknown): string | undefined {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  return trimmed ? trimmed : undefined;
}

export function readAwsSettings(): AwsSettings {
  const configuration = vscode.workspace.getConfiguration('tagsight');
  const regions = userValue<unknown>(configuration, 'aws.regions', []);
  return {
    profile: nonEmpty(userValue<string>(configuration, 'aws.profile', '')),
    endpointUrl: nonEmpty(userValue<string>(configuration, 'aws.endpointUrl', '')),
    regions: Array.isArray(regions) ? regions.filter((region): region is string => typeof region === 'string' && region.trim() !== '').map((region) => region.trim()) : [],
    maxConcurrentRegions: clamp(userValue<number>(configuration, 'aws.maxConcurrentRegions', 8), 1, 32, 8),
    aggregator: nonEmpty(userValue<string>(configuration, 'aws.aggregator', '')),
  };
}

export function readSettings(scope?: vscode.ConfigurationScope): TagsightSettings {
  const configuration = vscode.workspace.getConfiguration('tagsight', scope);
  const severity = configuration.get<string>('diagnostics.severity', 'warning');
  const additional = configuration.get<unknown>('terraform.additionalTaggableTypes', []);
  return {
    aws: readAwsSettings(),
    policyFile: nonEmpty(configuration.get<string>('policyFile')) ?? 'tag-policy.json',
    requiredTags: configuration.get<unknown>('requiredTags', []),
    useAccountRules: userValue<boolean>(configuration, 'useAccountRules', true),
    diagnostics: {
      severity: (['error', 'warning', 'information', 'hint'] as const).find((name) => name === severity) ?? 'warning',
      debounceMs: clamp(configuration.get<number>('diagnostics.debounceMs', 200), 0, 10_000, 200),
    },
    terraformAdditionalTaggableTypes: Array.isArray(additional) ? additional.filter((type): type is string => typeof type === 'string') : [],
    workspaceCheckEnabled: configuration.get<boolean>('workspaceCheck.enabled', true),
    regionCheckAssumedRegion: nonEmpty(configuration.get<string>('regionCheck.assumedRegion')),
    blindSpotsLookbackDays: clamp(userValue<number>(configuration, 'blindSpots.lookbackDays', 7), 1, 90, 7),
    readOnly: userValue<boolean>(configuration, 'readOnly', false),
    watchIntervalMinutes: clamp(userValue<number>(configuration, 'watch.intervalMinutes', 0), 0, 24 * 60, 0),
  };
}

/** True when a change touches the settings that decide the AWS connection or the scan. */
export function affectsAwsConnection(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('tagsight.aws');
}
