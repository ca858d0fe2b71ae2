import type { Command } from 'commander';
import { AwsClientFactory, type AwsConnection } from '../aws/clients';
import { UsageError } from '../core/errors';
import { isRegionCode } from '../core/regions';
import { startEmulator, type RunningEmulator } from '../emulator';
import type { CliIo } from './io';

/**
 * How the AWS-facing commands (account, blindspots, watch) reach AWS: the same four options, validated the same
 * way, and one lifecycle (start the demo emulator or use the given profile/endpoint, build the one client
 * factory, then destroy the factory and close the emulator whichever way the command ends).
 */
export interface AwsConnectionOptions {
  profile?: string;
  regions?: string;
  demo?: boolean;
  endpointUrl?: string;
}

export function addAwsConnectionOptions(
  command: Command,
  demoDescription = 'run against the built-in emulator with the incident scenario (no AWS account needed)',
): Command {
  return command
    .option('--profile <name>', 'AWS profile (default: the SDK credential chain, which honours AWS_PROFILE)')
    .option('--regions <list>', 'comma-separated regions (default: every enabled region)')
    .option('--demo', demoDescription)
    .option('--endpoint-url <url>', 'send every AWS call to this endpoint (a local emulator)');
}

/** Checks the options (a UsageError, exit 2, when they are wrong) and returns the selected regions, if any. */
export function parseAwsConnectionOptions(options: AwsConnectionOptions): { regions?: string[] } {
  const regions = options.regions
    ?.split(',')
    .map((region) => region.trim())
    .filter(Boolean);
  const invalid = regions?.filter((region) => !isRegionCode(region)) ?? [];
  if (invalid.length > 0) throw new UsageError(`Not a region code: ${invalid.join(', ')}.`);
  if (options.regions !== undefined && regions?.length === 0) throw new UsageError('--regions needs at least one region code.');
  if (options.demo && (options.profile || options.endpointUrl))
    throw new UsageError('--demo cannot be combined with --profile or --endpoint-url.');
  if (options.endpointUrl && !/^https?:\/\/[^\s/]+/.test(options.endpointUrl))
    throw new UsageError(`--endpoint-url must be an http(s) URL; got ${JSON.stringify(options.endpointUrl)}.`);
  return { regions };
}

export interface OpenAwsConnection {
  readonly factory: AwsClientFactory;
  readonly connection: AwsConnection;
  /** Where calls go when it is not AWS (the demo emulator, --endpoint-url, AWS_ENDPOINT_URL, a profile's endpoint_url). */
  readonly endpoint?: string;
  /** The demo emulator, when --demo started one. */
  readonly emulator?: RunningEmulator;
}

/** Runs `work` with a connected client factory and releases everything afterwards, also when `work` throws. */
export async function withAwsConnection<T>(
  options: AwsConnectionOptions,
  context: { io: CliIo; version: string },
  work: (aws: OpenAwsConnection) => Promise<T>,
): Promise<T> {
  let emulator: RunningEmulator | undefined;
  let factory: AwsClientFactory | undefined;
  try {
    let connection: AwsConnection = { profile: options.profile, endpointUrl: options.endpointUrl };
    if (options.demo) {
      emulator = await startEmulator({ scenario: 'incident', logger: context.io.logger });
      connection = { endpointUrl: emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' } };
    }
    factory = new AwsClientFactory(connection, { version: context.version, logger: context.io.logger });
    const endpoint = await factory.customEndpoint('config');
    return await work({ factory, connection, endpoint, emulator });
  } finally {
    factory?.destroy();
    await emulator?.close();
  }
}

/**
 * The exit codes of a scanning command, for its --help: a region that could not be read is never clean.
 * `found` names the command's findings ("a blind spot"), `clean` what exit 0 means besides every region read.
 */
export function scanExitCodesHelp(clean: string, found: string): string {
  return (
    `Exit codes: 0 every region was read and ${clean}; 1 ${found}, or a region that could not be read ` +
    '(access denied, throttled, disabled, ...; the reason is printed per region); 2 a usage error, or the scan could ' +
    'not run at all (no or expired credentials).'
  );
}

/** Aborts on Ctrl+C while `work` runs, so a long scan stops cleanly; the handler is removed afterwards. */
export async function abortOnSigint<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    return await work(controller.signal);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
