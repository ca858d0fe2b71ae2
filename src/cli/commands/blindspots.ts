import { Option, type Command } from 'commander';
import { createScanPorts } from '../../aws/account-scan-ports';
import { DEFAULT_LOOKBACK_DAYS, MAX_LOOKBACK_DAYS } from '../../aws/cloudtrail-create-bucket';
import { scanBlindSpots } from '../../aws/s3-blind-spot-scan';
import { scanAccount } from '../../core/account-scan/scan-account';
import { blindSpotInputsFromScan } from '../../core/blind-spot-rules';
import { blindSpotReportIsClean } from '../../core/blind-spot';
import { systemClock } from '../../core/clock';
import { UsageError } from '../../core/errors';
import { renderBlindSpotsJson } from '../../report/blindspots-json';
import { renderBlindSpotsMarkdown } from '../../report/blindspots-markdown';
import { renderBlindSpotsText } from '../../report/blindspots-text';
import {
  abortOnSigint,
  addAwsConnectionOptions,
  parseAwsConnectionOptions,
  scanExitCodesHelp,
  withAwsConnection,
  type AwsConnectionOptions,
} from '../aws-connection';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, type CliIo } from '../io';

/**
 * `tagsight blindspots`: buckets AWS Config has not discovered, with the CloudTrail evidence of how they were
 * created and the predicted compliance. Exit 0 only when every region was read and no blind spot exists; 1 for a
 * blind spot or a region that could not be read (its reason is printed); 2 on usage errors or a scan that could
 * not run at all.
 */
const FORMATS = ['text', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

interface Options extends AwsConnectionOptions {
  /** One of FORMATS: commander rejects anything else (exit 2). */
  format: Format;
  lookbackDays: string;
}

function parseOptions(options: Options): { format: Format; lookbackDays: number; regions?: string[] } {
  const lookbackDays = Number(options.lookbackDays);
  if (!Number.isInteger(lookbackDays) || lookbackDays < 1 || lookbackDays > MAX_LOOKBACK_DAYS) {
    throw new UsageError(
      `--lookback-days must be a whole number from 1 to ${MAX_LOOKBACK_DAYS} (CloudTrail keeps 90 days); got ${JSON.stringify(options.lookbackDays)}.`,
    );
  }
  const { regions } = parseAwsConnectionOptions(options);
  return { format: options.format, lookbackDays, regions };
}

export function register(program: Command, io: CliIo): void {
  const command = program
    .command('blindspots')
    .description('List S3 buckets AWS Config has not discovered, how they were created, and their predicted compliance.');
  addAwsConnectionOptions(command)
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
    .option('--lookback-days <n>', 'days of CloudTrail CreateBucket events to read', String(DEFAULT_LOOKBACK_DAYS))
    .addHelpText('after', `\n${scanExitCodesHelp('no blind spot was found', 'a blind spot')}`)
    .action(async (options: Options) => {
      const { format, lookbackDays, regions } = parseOptions(options);
      await withAwsConnection(options, { io, version: program.version() ?? '0.0.0' }, ({ factory, endpoint }) =>
        abortOnSigint(async (signal) => {
          const scan = await scanAccount(await createScanPorts(factory), {
            regions,
            concurrency: 8,
            clock: systemClock,
            signal,
            profile: options.profile,
            endpoint,
          });
          if (scan.error) {
            io.stderr.write(`tagsight: ${scan.error.message}\n`);
            io.exit(EXIT_USAGE);
            return;
          }
          const report = await scanBlindSpots(factory, {
            ...blindSpotInputsFromScan(scan),
            now: systemClock.now(),
            lookbackDays,
            signal,
            logger: io.logger,
          });
          const render = format === 'json' ? renderBlindSpotsJson : format === 'markdown' ? renderBlindSpotsMarkdown : renderBlindSpotsText;
          io.stdout.write(render(report, { endpoint }));
          io.exit(blindSpotReportIsClean(report) && !scan.cancelled ? EXIT_CLEAN : EXIT_FINDINGS);
        }),
      );
    });
}
