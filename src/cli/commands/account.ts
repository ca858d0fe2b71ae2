import { Option, type Command } from 'commander';
import { createScanPorts } from '../../aws/account-scan-ports';
import { createResourceTagReader } from '../../aws/resource-tags';
import { scanAccount } from '../../core/account-scan/scan-account';
import { systemClock } from '../../core/clock';
import { UsageError } from '../../core/errors';
import { isRegionCode } from '../../core/regions';
import { renderAccountJson } from '../../report/account-json';
import { renderAccountMarkdown } from '../../report/account-markdown';
import { scanIsClean } from '../../report/account-summary';
import { renderAccountText } from '../../report/account-text';
import { renderHtmlReport } from '../../report/html-report';
import {
  abortOnSigint,
  addAwsConnectionOptions,
  parseAwsConnectionOptions,
  scanExitCodesHelp,
  withAwsConnection,
  type AwsConnectionOptions,
} from '../aws-connection';
import { blindSpotsForReport } from './account-blind-spots';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, terminalWidth, type CliIo } from '../io';

/**
 * `tagsight account`: AWS Config coverage per region and the resources REQUIRED_TAGS rules find non-compliant.
 * Exit 0 only when every region was read and nothing was found; 1 when a resource is non-compliant, a region is
 * not recorded (or its recorder is stopped or failing), or a region could not be read (each with its reason in
 * the output); 2 on usage errors or when the scan could not run at all (no or expired credentials).
 */
const FORMATS = ['text', 'json', 'markdown', 'html'] as const;
type Format = (typeof FORMATS)[number];

interface Options extends AwsConnectionOptions {
  /** One of FORMATS: commander rejects anything else (exit 2). */
  format: Format;
  concurrency: string;
  aggregator?: string;
  unusedRegions?: string;
}

function parseOptions(options: Options): { format: Format; regions?: string[]; concurrency: number; unusedRegions: string[] } {
  const { regions } = parseAwsConnectionOptions(options);
  const unusedRegions =
    options.unusedRegions
      ?.split(',')
      .map((region) => region.trim())
      .filter(Boolean) ?? [];
  const invalid = unusedRegions.filter((region) => !isRegionCode(region));
  if (invalid.length > 0) throw new UsageError(`--unused-regions: not a region code: ${invalid.join(', ')}.`);
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32)
    throw new UsageError(`--concurrency must be a whole number from 1 to 32; got ${JSON.stringify(options.concurrency)}.`);
  return { format: options.format, regions, concurrency, unusedRegions };
}

export function register(program: Command, io: CliIo): void {
  const command = program
    .command('account')
    .description('Show, per region, whether AWS Config records changes, and the resources REQUIRED_TAGS rules find non-compliant.');
  addAwsConnectionOptions(command)
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
    .option('--concurrency <n>', 'most AWS calls in flight at once', '8')
    .option('--aggregator <name>', 'read non-compliant results through this Config aggregator (in the home region)')
    .option('--unused-regions <list>', 'comma-separated regions you do not use: no recorder there is fine, unless something is found')
    .addHelpText('after', `\n${scanExitCodesHelp('nothing was found', 'a non-compliant resource, an unrecorded region')}`)
    .action(async (options: Options) => {
      const { format, regions, concurrency, unusedRegions } = parseOptions(options);
      const version = program.version() ?? '0.0.0';
      await withAwsConnection(options, { io, version }, ({ factory, endpoint }) =>
        abortOnSigint(async (signal) => {
          const ports = await createScanPorts(factory, { readTags: createResourceTagReader(factory) });
          const scanned = await scanAccount(ports, {
            regions,
            concurrency,
            clock: systemClock,
            signal,
            aggregator: options.aggregator,
            profile: options.profile,
            endpoint,
            onProgress: (progress) => {
              if (progress.type === 'region-done')
                io.logger.info(`${progress.done}/${progress.total} ${progress.region.region}: ${progress.region.verdict.summary}`);
            },
          });
          const scan = { ...scanned, demo: options.demo === true, unusedRegions };
          if (format === 'json') {
            io.stdout.write(renderAccountJson(scan));
          } else {
            // The people-facing formats carry the blind spots, so their counts agree with the editor's views.
            const blindSpots = await blindSpotsForReport(factory, scan, { signal, logger: io.logger });
            if (format === 'html')
              io.stdout.write(
                renderHtmlReport({ scan, blindSpots, generator: `Tagsight ${version}`, generatedAt: systemClock.now().toISOString() }),
              );
            else if (format === 'markdown') io.stdout.write(renderAccountMarkdown(scan, { blindSpots }));
            else io.stdout.write(renderAccountText(scan, { blindSpots, width: terminalWidth(io.stdout) }));
          }
          if (scan.error) {
            io.stderr.write(`tagsight: ${scan.error.message}\n`);
            io.exit(EXIT_USAGE);
            return;
          }
          io.exit(scanIsClean(scan) ? EXIT_CLEAN : EXIT_FINDINGS);
        }),
      );
    });
}
