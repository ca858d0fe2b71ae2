import type { Clock } from '../../../src/core/clock';
import { MemoryLogger } from '../helpers/memory-logger';
import { startEmulator, type RunningEmulator, type Scenario, type ScenarioName } from '../../../src/emulator';

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private current = new Date('2026-11-27T10:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const credentials = { accessKeyId: 'AKIDEMULATORTEST', secretAccessKey: 'emulator-secret-never-logged' };

export interface Harness {
  emulator: RunningEmulator;
  clock: ManualClock;
  logger: MemoryLogger;
  /** Client options for a region: endpoint override, dummy credentials, no SDK retries (errors surface as is). */
  options(region: string): { endpoint: string; region: string; credentials: typeof credentials; maxAttempts: number };
  s3(region: string): { endpoint: string; region: string; credentials: typeof credentials; maxAttempts: number; forcePathStyle: true };
}

export async function startHarness(scenario: ScenarioName | Scenario, extra: { latencyMs?: number } = {}): Promise<Harness> {
  const clock = new ManualClock();
  const logger = new MemoryLogger();
  const emulator = await startEmulator({ scenario, clock, logger, ...extra });
  const options = (region: string) => ({ endpoint: emulator.endpoint, region, credentials, maxAttempts: 1 });
  return { emulator, clock, logger, options, s3: (region) => ({ ...options(region), forcePathStyle: true as const }) };
}

/** Runs a promise expected to fail and returns the SDK error. */
export async function failure(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number }; $response?: { headers: Record<string, string> } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}
