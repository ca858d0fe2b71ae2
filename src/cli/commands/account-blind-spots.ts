import type { AwsClientFactory } from '../../aws/clients';
import { scanBlindSpots } from '../../aws/s3-blind-spot-scan';
import type { AccountScan } from '../../core/account-model';
import type { BlindSpotReport } from '../../core/blind-spot';
import { blindSpotInputsFromScan } from '../../core/blind-spot-rules';
import { systemClock } from '../../core/clock';
import { errorMessage, isAbortError } from '../../core/errors';
import type { Logger } from '../../core/logger';

/**
 * The blind spots for `tagsight account --format html|markdown`: the shareable reports carry them (the map's
 * arrows come from them), so the blind-spot check runs after the account scan. When it fails the report still
 * comes out, without blind spots, and says so; the failure goes to stderr. Cancellation is not a failure.
 */
export async function blindSpotsForReport(
  clients: AwsClientFactory,
  scan: AccountScan,
  options: { signal?: AbortSignal; logger: Logger },
): Promise<BlindSpotReport | undefined> {
  if (scan.error || scan.cancelled) return undefined;
  try {
    return await scanBlindSpots(clients, {
      ...blindSpotInputsFromScan(scan),
      now: systemClock.now(),
      signal: options.signal,
      logger: options.logger,
    });
  } catch (error) {
    if (isAbortError(error)) throw error;
    options.logger.warn(`The blind-spot check failed; the report leaves blind spots out: ${errorMessage(error)}`);
    return undefined;
  }
}
