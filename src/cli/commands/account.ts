import type { Command } from 'commander';
import { createScanPorts } from '../../aws/account-scan-ports';
import { AwsClientFactory, type AwsConnection } from '../../aws/clients';
import { createResourceTagReader } from '../../aws/resource-tags';
import { scanAccount } from '../../core/account-scanner';
import { systemClock } from '../../core/clock';
import { UsageError } from '../../core/errors';
import { isRegionCode } from '../../core/regions';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { renderAccountJson } from '../../report/account-json';
import { renderAccountMarkdown } from '../../report/account-markdown';
import { scanHasFindings } from '../../report/account-summary';
import { renderAccountText } from '../../report/account-text';
import { renderAccountHtml } from './account-html';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, type CliIo } from '../io';

/**
 * `tagsight account`: AWS Config coverage per region and the resources REQUIRED_TAGS rules find non-compliant.
 * Exit 1 when a resource is non-compliant or a region is not recorded (or its recorder is stopped or failing);
 * 2 on usage errors or when the scan could not run at all (no or expired credentials).
 */
const FORMATS = ['text', 'json', 'markdown', 'html'] as const;
type Format = (typeof FORMATS)[number];

interface Options {
  profile?: string;
  regions?: string;
  format: string;
  demo?: boolean;
  endpointUrl?: string;
  concurrency: string;
  aggregator?: string;
}

function parseOptions(options: Options): { format: Format; regions?: string[]; concurrency: number } {
  if (!FORMATS.includes(options.format as Format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got ${JSON.stringify(options.format)}.`);
  const regions = options.regions?.split(',').map((region) => region.trim()).filter(Boolean);
  const invalid = regions?.filter((region) => !isRegionCode(region)) ?? [];
  if (invalid.length > 0) throw new UsageError(`Not a region code: ${invalid.join(', ')}.`);
  if (options.regions !== undefined && regions?.length === 0) throw new UsageError('--regions needs at least one region code.');
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) throw new UsageError(`--concurrency must be a whole number from 1 to 32; got ${JSON.stringify(options.concurrency)}.`);
  if (options.demo && (options.profile || options.endpointUrl)) throw new UsageError('--demo cannot be combined with --profile or --endpoint-url.');
  if (options.endpointUrl && !/^https?:\/\/[^\s/]+/.test(options.endpointUrl)) throw new UsageError(`--endpoint-url must be an http(s) URL; got ${JSON.stringify(options.endpointUrl)}.`);
  return { format: options.format as Format, regions, concurrency };
}

export function register(program: Command, io: CliIo): void {
  program
    .command('account')
    .description('Show, per region, whether AWS Config records changes, and the resources REQUIRED_TAGS rules find non-compliant.')
    .option('--profile <name>', 'AWS profile (default: the SDK credential chain, which honours AWS_PROFILE)')
    .option('--regions <list>', 'comma-separated regions (default: every enabled region)')
    .option('--format <format>', `output format: ${FORMATS.join(', ')}`, 'text')
    .option('--demo', 'run against the built-in emulator with the incident scenario (no AWS account needed)')
    .option('--endpoint-url <url>', 'send every AWS call to this endpoint (a local emulator)')
    .option('--concurrency <n>', 'most AWS calls in flight at once', '8')
    .option('--aggregator <name>', 'read non-compliant results through this Config aggregator (in the home region)')
    .action(async (options: Options) => {
      const { format, regions, concurrency } = parseOptions(options);
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
        const ports = await createScanPorts(factory, { readTags: createResourceTagReader(factory) });
        const scan = await scanAccount(ports, {
          regions,
          concurrency,
          clock: systemClock,
          signal: controller.signal,
          aggregator: options.aggregator,
          profile: options.profile,
          endpoint: connection.endpointUrl ?? factory.customEndpoint('config'),
          onProgress: (progress) => {
            if (progress.type === 'region-done') io.logger.info(`${progress.done}/${progress.total} ${progress.region.region}: ${progress.region.verdict.summary}`);
          },
        });
        if (format === 'html') {
          io.stdout.write(await renderAccountHtml(factory, scan, { version: program.version() ?? '0.0.0', signal: controller.signal, logger: io.logger }));
        } else {
          const render = format === 'json' ? renderAccountJson : format === 'markdown' ? renderAccountMarkdown : renderAccountText;
          io.stdout.write(render(scan));
        }
        if (scan.error) {
          io.stderr.write(`tagsight: ${scan.error.message}\n`);
          io.exit(EXIT_USAGE);
          return;
        }
        io.exit(scanHasFindings(scan) ? EXIT_FINDINGS : EXIT_CLEAN);
      } finally {
        process.removeListener('SIGINT', onSigint);
        factory?.destroy();
        await emulator?.close();
      }
    });
}
