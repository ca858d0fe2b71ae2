/**
 * Starts the local AWS emulator for a suite or the demo. Imported lazily by path so that the harness works
 * before src/emulator exists, and fails with a clear message only when a suite actually needs it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './paths';

export interface EmulatorHandle {
  readonly endpoint: string;
  close(): Promise<void>;
}

const EMULATOR_MODULE = path.join(REPO_ROOT, 'src', 'emulator', 'index.ts');

export function emulatorAvailable(): boolean {
  return fs.existsSync(EMULATOR_MODULE);
}

export async function startEmulatorScenario(scenario: string): Promise<EmulatorHandle> {
  if (!emulatorAvailable()) {
    throw new Error(
      `Scenario '${scenario}' needs the local AWS emulator, but ${path.relative(REPO_ROOT, EMULATOR_MODULE)} does not exist yet`,
    );
  }
  const module = (await import(pathToFileURL(EMULATOR_MODULE).href)) as {
    startEmulator?: (options: { scenario: string }) => Promise<EmulatorHandle>;
  };
  if (typeof module.startEmulator !== 'function') {
    throw new Error(`${path.relative(REPO_ROOT, EMULATOR_MODULE)} does not export startEmulator()`);
  }
  return module.startEmulator({ scenario });
}

/** The AWS environment of code-server's extension host: the SDK reads these natively. */
export function awsEnvironment(endpoint: string | undefined): Record<string, string> {
  return {
    // Without an emulator, point at a closed local port so nothing can ever reach real AWS.
    AWS_ENDPOINT_URL: endpoint ?? 'http://127.0.0.1:9',
    AWS_ACCESS_KEY_ID: 'AKIAEMULATOR00000000',
    AWS_SECRET_ACCESS_KEY: 'emulator-secret-not-a-real-key',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}
