import type { Command } from 'commander';
import { createScanPorts } from '../../aws/account-scan-ports';
import { createResourceTagReader } from '../../aws/resource-tags';
import { DEFAULT_LOOKBACK_DAYS, MAX_LOOKBACK_DAYS } from '../../aws/cloudtrail-create-bucket';
import { scanBlindSpots } from '../../aws/s3-blind-spot-scan';
import { scanAccount } from '../../core/account-scan/scan-account';
import { blindSpotInputsFromScan } from '../../core/blind-spot-rules';
import { systemClock } from '../../core/clock';
import { TagsightError, UsageError, errorMessage } from '../../core/errors';
import { Watch, type WatchFinding, type WatchOutcome, type WatchSnapshot } from '../../core/watch';
import { watchSnapshot } from '../../core/watch-findings';
import { addAwsConnectionOptions, parseAwsConnectionOptions, withAwsConnection, type AwsConnectionOptions } from '../aws-connection';
import { EXIT_CLEAN, type CliIo } from '../io';

/**
 * `tagsight watch`: re-checks the account at an interval and prints one line per NEW blind spot or
 * non-compliant resource (the first check is the baseline and prints nothing), until interrupted.
 * Lines go to stdout, tab-separated: time, kind, region, resource, message. Progress goes to stderr.
 */
interface Options extends AwsConnectionOptions {
  intervalMinutes?: string;
  intervalSeconds?: string;
  lookbackDays: string;
}

const DEFAULT_INTERVAL_MINUTES = 10;

export function parseIntervalMs(options: Pick<Options, 'intervalMinutes' | 'intervalSeconds'>): number {
  if (options.intervalMinutes !== undefined && options.intervalSeconds !== undefined) {
    throw new UsageError('Give --interval-minutes or --interval-seconds, not both.');
  }
  const [value, unit, ms] =
    options.intervalSeconds !== undefined
      ? [options.intervalSeconds, '--interval-seconds', 1000]
      : [options.intervalMinutes ?? String(DEFAULT_INTERVAL_MINUTES), '--interval-minutes', 60_000];
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0 || number > 24 * 60 * (unit === '--interval-seconds' ? 60 : 1)) {
    throw new UsageError(`${unit} must be a positive number of at most a day; got ${JSON.stringify(value)}.`);
  }
  return Math.round(number * ms);
}

export function formatFindingLine(finding: WatchFinding, at: Date): string {
  const clean = (text: string) => text.replace(/[\t\r\n]+/g, ' ');
  return [at.toISOString(), finding.kind, finding.region, clean(finding.resource), clean(finding.message)].join('\t') + '\n';
}

function parseLookback(value: string): number {
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > MAX_LOOKBACK_DAYS) {
    throw new UsageError(`--lookback-days must be a whole number from 1 to ${MAX_LOOKBACK_DAYS}; got ${JSON.stringify(value)}.`);
  }
  return days;
}

export function register(program: Command, io: CliIo): void {
  const command = program
    .command('watch')
    .description('Re-check the account at an interval and print one line per new blind spot or non-compliant resource, until Ctrl+C.')
    .option('--interval-minutes <n>', `minutes between checks (default ${DEFAULT_INTERVAL_MINUTES})`)
    .option('--interval-seconds <n>', 'seconds between checks (for tests and demos)')
    .option('--lookback-days <n>', 'days of CloudTrail CreateBucket events to read', String(DEFAULT_LOOKBACK_DAYS));
  addAwsConnectionOptions(command, 'watch the built-in emulator with the incident scenario (no AWS account needed)').action(
    async (options: Options) => {
      const intervalMs = parseIntervalMs(options);
      const { regions } = parseAwsConnectionOptions(options);
      const lookbackDays = parseLookback(options.lookbackDays);
      const interrupted = untilInterrupted();
      try {
        await withAwsConnection(options, { io, version: program.version() ?? '0.0.0' }, async ({ factory, endpoint, emulator }) => {
          if (emulator) io.stderr.write(`Demo: watching the local emulator at ${emulator.endpoint} (scenario incident).\n`);
          const scan = async (signal: AbortSignal): Promise<WatchSnapshot> => {
            const ports = await createScanPorts(factory, { readTags: createResourceTagReader(factory) });
            const account = await scanAccount(ports, {
              regions,
              concurrency: 8,
              clock: systemClock,
              profile: options.profile,
              endpoint,
              signal,
            });
            if (account.error) throw new TagsightError(account.error.kind, account.error.message);
            const blindSpots = await scanBlindSpots(factory, {
              ...blindSpotInputsFromScan(account),
              now: systemClock.now(),
              lookbackDays,
              signal,
              logger: io.logger,
            });
            return watchSnapshot(account, blindSpots);
          };
          let checks = 0;
          const watch = new Watch({
            intervalMs,
            scan,
            notify: (findings) => {
              const now = systemClock.now();
              for (const finding of findings) io.stdout.write(formatFindingLine(finding, now));
            },
            onScanSettled: (outcome) => reportOutcome(io, ++checks, outcome),
            onObserverError: (error) => io.stderr.write(`Watch: reporting a check failed: ${errorMessage(error)}\n`),
          });
          io.stderr.write(`Watching every ${formatInterval(intervalMs)}; the first check is the baseline. Press Ctrl+C to stop.\n`);
          watch.start();
          await interrupted.promise;
          watch.stop();
          io.stderr.write('Watch stopped.\n');
        });
        io.exit(EXIT_CLEAN);
      } finally {
        interrupted.dispose();
      }
    },
  );
}

function reportOutcome(io: CliIo, check: number, outcome: WatchOutcome): void {
  const next = `next check in ${formatInterval(outcome.nextDelayMs)}`;
  if (!outcome.ok) {
    io.stderr.write(`Check ${check} failed: ${outcome.error}; ${next}.\n`);
    return;
  }
  const baselined =
    outcome.baselined.length > 0
      ? `, baseline taken for ${outcome.baselined.length} region${outcome.baselined.length === 1 ? '' : 's'}`
      : '';
  io.stderr.write(`Check ${check} done: ${outcome.newFindings.length} new${baselined}; ${next}.\n`);
}

function formatInterval(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 100) / 10} s`;
}

/** Resolves on the first SIGINT or SIGTERM; dispose removes the handlers whichever way the command ends. */
function untilInterrupted(): { promise: Promise<void>; dispose(): void } {
  let stop: () => void = () => {};
  const promise = new Promise<void>((resolve) => {
    stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return {
    promise,
    dispose: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}
