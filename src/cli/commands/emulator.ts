import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { UsageError, errorMessage } from '../../core/errors';
import { listScenarios, startEmulator, ScenarioError, type RunningEmulator, type Scenario, type ScenarioName } from '../../emulator';
import { EXIT_CLEAN, type CliIo } from '../io';

export interface EmulatorCommandOptions {
  scenario: string;
  port?: string;
  latency?: string;
}

/** `tagsight emulator`: serves the local AWS emulator until interrupted (Ctrl+C). */
export function register(program: Command, io: CliIo): void {
  const names = listScenarios()
    .map((s) => s.name)
    .join(', ');
  program
    .command('emulator')
    .description('Run the local AWS emulator (Config, S3, CloudTrail, Tagging, Account, STS) on 127.0.0.1 until interrupted.')
    .option('--scenario <name|file.json>', `a built-in scenario (${names}) or a scenario JSON file`, 'incident')
    .option('--port <n>', 'port to listen on (default: a free port)')
    .option('--latency <ms>', 'delay added to every AWS call, in milliseconds')
    .action(async (options: EmulatorCommandOptions) => {
      const emulator = await startFromOptions(options, io);
      await untilInterrupted();
      await emulator.close();
      io.stdout.write('emulator stopped\n');
      io.exit(EXIT_CLEAN);
    });
}

export async function startFromOptions(options: EmulatorCommandOptions, io: CliIo): Promise<RunningEmulator> {
  const port = parseInteger(options.port, '--port', 0, 65535);
  const latencyMs = parseInteger(options.latency, '--latency', 0, 600_000);
  const scenario = await resolveScenario(options.scenario);
  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator({ scenario, port, latencyMs, logger: io.logger });
  } catch (error) {
    if (error instanceof ScenarioError) throw new UsageError(error.message);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError(`port ${port} is already in use`);
    throw error;
  }
  io.stdout.write(
    `Tagsight AWS emulator: scenario ${emulator.scenarioName}, account ${emulator.accountId}\n` +
      `endpoint: ${emulator.endpoint}\n` +
      `try: AWS_ENDPOINT_URL=${emulator.endpoint} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 aws sts get-caller-identity\n` +
      `control API: ${emulator.endpoint}/_tagsight/state\n` +
      `Press Ctrl+C to stop.\n`,
  );
  return emulator;
}

async function resolveScenario(value: string): Promise<ScenarioName | Scenario> {
  if (listScenarios().some((s) => s.name === value)) return value as ScenarioName;
  if (!value.endsWith('.json'))
    throw new UsageError(
      `unknown scenario ${JSON.stringify(value)}; expected one of ${listScenarios()
        .map((s) => s.name)
        .join(', ')} or a .json file`,
    );
  let text: string;
  try {
    text = await readFile(value, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read scenario file ${value}: ${errorMessage(error)}`);
  }
  try {
    return JSON.parse(text) as Scenario;
  } catch (error) {
    throw new UsageError(`scenario file ${value} is not valid JSON: ${errorMessage(error)}`);
  }
}

function parseInteger(value: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${flag} expects an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return n;
}

function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
