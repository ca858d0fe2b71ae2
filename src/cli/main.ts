import { Command } from 'commander';

/** The CLI's composition root: parses arguments, builds services, and maps outcomes to exit codes. */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('tagsight')
    .description('Check AWS tag policy: Config coverage per region, findings, blind spots, and IaC/code checks.')
    .version('0.1.0')
    .showHelpAfterError();
  return program;
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  await program.parseAsync(argv);
  return 0;
}

if (require.main === module) {
  main(process.argv).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => {
      console.error(`tagsight: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 2;
    },
  );
}
