import type { Command } from 'commander';
import { AwsClientFactory, type AwsConnection } from '../../aws/clients';
import { createScanPorts } from '../../aws/account-scan-ports';
import { DEFAULT_LOOKBACK_DAYS, MAX_LOOKBACK_DAYS } from '../../aws/cloudtrail-create-bucket';
import { scanBlindSpots } from '../../aws/s3-blind-spot-scan';
import { scanAccount } from '../../core/account-scanner';
import { blindSpotInputsFromScan } from '../../core/blind-spot-rules';
import { systemClock } from '../../core/clock';
import { UsageError } from '../../core/errors';
import { isRegionCode } from '../../core/regions';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { renderBlindSpotsJson } from '../../report/blindspots-json';
import { renderBlindSpotsMarkdown } from '../../report/blindspots-markdown';
import { renderBlindSpotsText } from '../../report/blindspots-text';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, type CliIo } from '../io';

/**
 * `tagsight blindspots`: buckets AWS Config has not discovered, with the CloudTrail evidence of how they were
 * created and the predicted compliance. Exit 1 when a blind spot exists, 2 on usage errors or a failed scan.
 */
const FORMATS = ['text', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

interface Options {
  profile?: string;
  regions?: string;
  format: string;
  demo?: boolean;
  lookbackDays: string;
  endpointUrl?: string;
}

function parseOptions(options: Options): { format: Format; lookbackDays: number; regions?: string[] } {
  if (!FORMATS.includes(options.format as Format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got ${JSON.stringify(options.format)}.`);
  const lookbackDays = Number(options.lookbackDays);
  if (!Number.isInteger(lookbackDays) || lookbackDays < 1 || lookbackDays > MAX_LOOKBACK_DAYS) {
    throw new UsageError(`--lookback-days must be a whole number from 1 to ${MAX_LOOKBACK_DAYS} (CloudTrail keeps 90 days); got ${JSON.stringify(options.lookbackDays)}.`);
  }
  const regions = options.regions?.split(',').map((region) => region.trim()).filter(Boolean);
  const invalid = regions?.filter((region) => !isRegionCode(region)) ?? [];
  if (invalid.length > 0) throw new UsageError(`Not a region code: ${invalid.join(', ')}.`);
  if (options.regions !== undefined && regions?.length === 0) throw new UsageError('--regions needs at least one region code.');
  if (options.demo && (options.profile || options.endpointUrl)) throw new UsageError('--demo cannot be combined with --profile or --endpoint-url.');
  if (options.endpointUrl && !/^https?:\/\/[^\s/]+/.test(options.endpointUrl)) throw new UsageError(`--endpoint-url must be an http(s) URL; got ${JSON.stringify(options.endpointUrl)}.`);
  return { format: options.format as Format, lookbackDays, regions };
}

export function register(program: Command, io: CliIo): void {
  program
    .command('blindspots')
    .description('List S3 buckets AWS Config has not discovered, how they were created, and their predicted compliance.')
    .option('--profile <name>', 'AWS profile (default: the SDK credential chain)')
    .option('--regions <list>', 'comma-separated regions (default: every enabled region)')
    .option('--format <format>', `output format: ${FORMATS.join(', ')}`, 'text')
    .option('--demo', 'run against the built-in emulator with the incident scenario (no AWS account needed)')
    .option('--lookback-days <n>', 'days of CloudTrail CreateBucket events to read', String(DEFAULT_LOOKBACK_DAYS))
    .option('--endpoint-url <url>', 'send every AWS call to this endpoint (a local emulator)')
    .action(async (options: Options) => {
      const { format, lookbackDays, regions } = parseOptions(options);
      let emulator: RunningEmulator | undefined;
      let factory: AwsClientFactory | undefined;
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.once('SIGINT', onSigint);
      try {
        let connection: AwsConnection = { profile: options.profile, endpointUrl: options.endpointUrl };
        if (options.demo) {
          emulator = await startEmulator({ scenario: 'incident', logger: io.logger });
          connection = { endpointUrl: emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' } };
        }
        factory = new AwsClientFactory(connection, { version: program.version() ?? '0.0.0', logger: io.logger });
        const endpoint = connection.endpointUrl ?? factory.customEndpoint('config');
        const scan = await scanAccount(await createScanPorts(factory), {
          regions,
          concurrency: 8,
          clock: systemClock,
          signal: controller.signal,
          profile: options.profile,
          endpoint,
        });
        if (scan.error) {
          io.stderr.write(`tagsight: ${scan.error.message}\n`);
          io.exit(EXIT_USAGE);
          return;
        }
        const inputs = blindSpotInputsFromScan(scan);
        const report = await scanBlindSpots(factory, {
          ...inputs,
          now: systemClock.now(),
          lookbackDays,
          signal: controller.signal,
          logger: io.logger,
        });
        const context = { endpoint };
        const render = format === 'json' ? renderBlindSpotsJson : format === 'markdown' ? renderBlindSpotsMarkdown : renderBlindSpotsText;
        io.stdout.write(render(report, context));
        io.exit(report.blindSpots.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN);
      } finally {
        process.removeListener('SIGINT', onSigint);
        factory?.destroy();
        await emulator?.close();
      }
    });
}
