import { Command, CommanderError } from 'commander';
import { UsageError, errorMessage } from '../core/errors';
import type { Logger } from '../core/logger';
import * as checkCommand from './commands/check';
import { EXIT_USAGE, type CliIo } from './io';
import * as emulatorCommand from './commands/emulator';
import * as blindspotsCommand from './commands/blindspots';
import * as watchCommand from './commands/watch';
import * as accountCommand from './commands/account';

/**
 * The CLI's composition root: parses arguments, builds services, and maps outcomes to exit codes.
 * Each command lives in src/cli/commands/<name>.ts and exports `register(program, io)`.
 */
type CommandModule = { register(program: Command, io: CliIo): void };
const COMMANDS: CommandModule[] = [checkCommand, emulatorCommand, accountCommand, blindspotsCommand, watchCommand];

export function stderrLogger(stream: NodeJS.WritableStream, verbose: () => boolean): Logger {
  const write = (level: string, message: string | Error, details: unknown[]) => {
    const text = message instanceof Error ? message.message : message;
    const extra = details.length
      ? ' ' + details.map((d) => (d instanceof Error ? d.message : typeof d === 'string' ? d : JSON.stringify(d))).join(' ')
      : '';
    stream.write(`[${level}] ${text}${extra}\n`);
  };
  return {
    trace: (m, ...d) => verbose() && write('trace', m, d),
    debug: (m, ...d) => verbose() && write('debug', m, d),
    info: (m, ...d) => verbose() && write('info', m, d),
    warn: (m, ...d) => write('warn', m, d),
    error: (m, ...d) => write('error', m, d),
  };
}

export function buildProgram(io: CliIo): Command {
  const program = new Command();
  program
    .name('tagsight')
    .description('Check AWS tag policy: Config coverage per region, findings, blind spots, and IaC/code checks.')
    .version('0.1.0')
    .option('-v, --verbose', 'log progress to stderr')
    .showHelpAfterError("Run 'tagsight --help' for the commands.")
    // Help and usage errors go to the streams main() was given (a test's, or an embedding tool's), not the process's.
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .exitOverride();
  for (const command of COMMANDS) command.register(program, io);
  // A mistake gets the error and one usage line, as git and tflint answer, not the whole help.
  for (const command of program.commands) {
    command.showHelpAfterError(
      `Usage: tagsight ${command.name()} ${command.usage()}\nRun 'tagsight ${command.name()} --help' for the options.`,
    );
  }
  return program;
}

export async function main(
  argv: string[],
  streams: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let code = 0;
  let verbose = false;
  const io: CliIo = {
    ...streams,
    logger: stderrLogger(streams.stderr, () => verbose),
    exit: (next) => {
      code = Math.max(code, next);
    },
  };
  const program = buildProgram(io);
  program.hook('preAction', () => {
    verbose = Boolean(program.opts().verbose);
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage mistakes with 1, which we map to 2.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    streams.stderr.write(`tagsight: ${errorMessage(error)}\n`);
    if (!(error instanceof UsageError)) io.logger.debug(String((error as Error)?.stack ?? error));
    return EXIT_USAGE;
  }
  return code;
}

if (require.main === module) {
  main(process.argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`tagsight: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
