import { startEmulator, type RunningEmulator, type ScenarioName } from '../../../src/emulator';
import { AwsClientFactory } from '../../../src/aws/clients';
import { createScanPorts } from '../../../src/aws/account-scan-ports';
import type { ScanOptions } from '../../../src/core/account-scan/ports';
import { scanAccount } from '../../../src/core/account-scan/scan-account';
import type { AccountScan } from '../../../src/core/account-model';
import { createResourceTagReader } from '../../../src/aws/resource-tags';

/** Real SDK clients over HTTP to a running emulator, with dummy credentials: what every AWS test here uses. */
export function emulatorFactory(
  emulator: RunningEmulator,
  options: { requestTimeoutMs?: number; maxAttempts?: number } = {},
): AwsClientFactory {
  return new AwsClientFactory(
    {
      endpointUrl: emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDTAGSIGHTTEST', secretAccessKey: 'tagsight-test-secret' },
    },
    { version: '0.0.0-test', requestTimeoutMs: options.requestTimeoutMs ?? 2_000, maxAttempts: options.maxAttempts },
  );
}

export async function scanEmulator(
  emulator: RunningEmulator,
  options: Partial<ScanOptions> & { requestTimeoutMs?: number; readTags?: boolean } = {},
): Promise<AccountScan> {
  const factory = emulatorFactory(emulator, options);
  try {
    const ports = await createScanPorts(factory, options.readTags === false ? {} : { readTags: createResourceTagReader(factory) });
    return await scanAccount(ports, { concurrency: 8, clock: { now: () => new Date() }, endpoint: emulator.endpoint, ...options });
  } finally {
    factory.destroy();
  }
}

export async function withEmulator<T>(scenario: ScenarioName, run: (emulator: RunningEmulator) => Promise<T>): Promise<T> {
  const emulator = await startEmulator({ scenario });
  try {
    return await run(emulator);
  } finally {
    await emulator.close();
  }
}
