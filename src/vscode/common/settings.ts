import * as vscode from 'vscode';
import { watchIntervalMs } from '../../core/watch';

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
  /** Regions the user does not use: no recorder there is fine unless something is found (region-relevance.ts). */
  readonly unusedRegions: readonly string[];
}

export type DiagnosticSeverityName = 'error' | 'warning' | 'information' | 'hint';

/** Application- and machine-scoped settings: one value per user, never taken from a workspace. */
export interface TagsightSettings {
  readonly aws: AwsSettings;
  readonly useAccountRules: boolean;
  readonly blindSpotsLookbackDays: number;
  readonly readOnly: boolean;
  /** The watch's interval; undefined when the watch is off. */
  readonly watchIntervalMs: number | undefined;
}

/**
 * Resource-scoped settings: a workspace folder may set its own. Read with the scope of the file they apply to, or
 * `null` for the window's value where no single file is concerned (VS Code then logs no warning either).
 */
export interface ResourceSettings {
  readonly policyFile: string;
  readonly requiredTags: unknown;
  readonly diagnostics: { readonly severity: DiagnosticSeverityName; readonly debounceMs: number };
  readonly terraformAdditionalTaggableTypes: readonly string[];
  readonly workspaceCheckEnabled: boolean;
  /** Empty: the region each tool would find itself. */
  readonly regionCheckAssumedRegion: string;
}

/** The user's `files.exclude` and `search.exclude` for a folder, as the workspace check and the IaC search skip them. */
export interface ExcludeSettings {
  readonly filesExclude: Readonly<Record<string, unknown>> | undefined;
  readonly searchExclude: Readonly<Record<string, unknown>> | undefined;
}

export type SettingsScope = vscode.Uri | vscode.WorkspaceFolder | null;

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
  const unused = userValue<unknown>(configuration, 'aws.unusedRegions', []);
  return {
    profile: nonEmpty(userValue<string>(configuration, 'aws.profile', '')),
    endpointUrl: nonEmpty(userValue<string>(configuration, 'aws.endpointUrl', '')),
    regions: regionList(regions),
    maxConcurrentRegions: clamp(userValue<number>(configuration, 'aws.maxConcurrentRegions', 8), 1, 32, 8),
    aggregator: nonEmpty(userValue<string>(configuration, 'aws.aggregator', '')),
    unusedRegions: regionList(unused),
  };
}

function regionList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((region): region is string => typeof region === 'string' && region.trim() !== '').map((region) => region.trim())
    : [];
}

export function readSettings(): TagsightSettings {
  const configuration = vscode.workspace.getConfiguration('tagsight');
  return {
    aws: readAwsSettings(),
    useAccountRules: userValue<boolean>(configuration, 'useAccountRules', true),
    blindSpotsLookbackDays: clamp(userValue<number>(configuration, 'blindSpots.lookbackDays', 7), 1, 90, 7),
    readOnly: userValue<boolean>(configuration, 'readOnly', false),
    watchIntervalMs: watchIntervalMs(userValue<unknown>(configuration, 'watch.intervalMinutes', 0)),
  };
}

export function readResourceSettings(scope: SettingsScope): ResourceSettings {
  const configuration = vscode.workspace.getConfiguration('tagsight', scope);
  const severity = configuration.get<string>('diagnostics.severity', 'warning');
  const additional = configuration.get<unknown>('terraform.additionalTaggableTypes', []);
  return {
    policyFile: nonEmpty(configuration.get<string>('policyFile')) ?? 'tag-policy.json',
    requiredTags: configuration.get<unknown>('requiredTags', []),
    diagnostics: {
      severity: (['error', 'warning', 'information', 'hint'] as const).find((name) => name === severity) ?? 'warning',
      debounceMs: clamp(configuration.get<number>('diagnostics.debounceMs', 200), 0, 10_000, 200),
    },
    terraformAdditionalTaggableTypes: Array.isArray(additional)
      ? additional.filter((type): type is string => typeof type === 'string')
      : [],
    workspaceCheckEnabled: configuration.get<boolean>('workspaceCheck.enabled', true),
    regionCheckAssumedRegion: nonEmpty(configuration.get<string>('regionCheck.assumedRegion')) ?? '',
  };
}

export function readExcludeSettings(scope: SettingsScope): ExcludeSettings {
  return {
    filesExclude: vscode.workspace.getConfiguration('files', scope).get<Record<string, unknown>>('exclude'),
    searchExclude: vscode.workspace.getConfiguration('search', scope).get<Record<string, unknown>>('exclude'),
  };
}

/** The settings Tagsight itself writes, always to the user's settings (never a workspace's). */
type UserSettingKey = 'aws.profile' | 'aws.regions' | 'aws.unusedRegions' | 'watch.intervalMinutes';

export async function writeUserSetting(key: UserSettingKey, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('tagsight').update(key, value, vscode.ConfigurationTarget.Global);
}

/** True when a change touches the settings that decide the AWS connection or the scan. */
export function affectsAwsConnection(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('tagsight.aws');
}
