import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Command, Option } from 'commander';
import { createAnalyzers } from '../../analyzers/registry';
import type { AnalyzerContext, DocumentAnalyzer } from '../../analyzers/document-analyzer';
import { diskSourceFiles } from '../../app/disk-source-files';
import { loadConfiguredRegions } from '../../aws/configured-region';
import type { ConfiguredRegionLookup } from '../../core/configured-region';
import { UsageError, errorMessage } from '../../core/errors';
import { isRegionCode } from '../../core/regions';
import { decodeText } from '../../core/text-decoding';
import { undecodableFileFinding } from '../../analyzers/parse-error';
import { isPolicyMissing } from '../../core/policy-sources';
import { type LocatedFinding, PROJECT_VERSION } from '../../report/code-report';
import { formatCodeGitlab } from '../../report/code-gitlab';
import { formatCodeJson } from '../../report/code-json';
import { formatCodeSarif } from '../../report/code-sarif';
import { formatCodeText } from '../../report/code-text';
import { selectCheckFiles } from '../check-files';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, type CliIo } from '../io';
import { DEFAULT_POLICY_FILE, type PolicyOptions, addPolicyOptions, discoverPolicyFile, loadPolicyOptions } from '../policy-options';

/**
 * `tagsight check [paths...]`: every analyzer of the registry over the given files and directories, the same
 * judgement as the editor's. Exit 0 clean, 1 findings, 2 usage or input error (a bad path, a malformed policy).
 */
interface CheckOptions extends PolicyOptions {
  format: 'text' | 'json' | 'sarif' | 'gitlab';
  /** The region a client without one in code is judged in (`--assume-region`). */
  assumeRegion?: string;
  /** Look that region up as each tool would, from this machine's environment and AWS config (`--use-local-aws-config`). */
  useLocalAwsConfig?: boolean;
}

/**
 * The region of a client without one in code. By default none: `tagsight check` gives the same answer on every
 * machine, so the machine's own AWS_REGION or profile decides a finding only when asked.
 */
async function configuredRegionFor(options: CheckOptions): Promise<ConfiguredRegionLookup | undefined> {
  if (options.assumeRegion !== undefined && options.useLocalAwsConfig)
    throw new UsageError('--assume-region and --use-local-aws-config exclude each other.');
  if (options.assumeRegion !== undefined) {
    const region = options.assumeRegion;
    if (!isRegionCode(region)) throw new UsageError(`Not a region code: ${region}.`);
    // A profile named in code (`profile_name=`, `--profile`) has its own region, which this flag does not give.
    return (_tool, profile) => (profile === undefined ? { region, source: '`--assume-region`' } : undefined);
  }
  // The region lookup the editor uses too, so both judge a client without a region alike and name the same source.
  return options.useLocalAwsConfig ? loadConfiguredRegions({ env: process.env }) : undefined;
}

function readIfReadable(file: string): string | undefined {
  try {
    const decoded = decodeText(fs.readFileSync(file));
    return decoded.ok ? decoded.text : undefined;
  } catch {
    return undefined;
  }
}

export async function runCheck(
  paths: readonly string[],
  options: CheckOptions,
  io: CliIo,
  analyzers?: readonly DocumentAnalyzer[],
): Promise<0 | 1 | 2> {
  const groups = targetsByPolicy(paths.length ? paths : ['.'], options);
  const configuredRegion = await configuredRegionFor(options);
  analyzers ??= createAnalyzers();
  const findings: LocatedFinding[] = [];
  let files = 0;
  for (const [policyFile, targets] of groups) {
    const policy = loadPolicyOptions(options, io, targets[0]!);
    const policyMissing = isPolicyMissing(policy);
    // Said before the results, as ESLint and tflint name their config: which policy judged which paths.
    const scope = groups.size > 1 ? ` for ${targets.join(', ')}` : '';
    if (policyMissing)
      io.stderr.write(
        `tagsight: no tag policy${scope} (no --policy, no ${DEFAULT_POLICY_FILE} found upward, no --require): tag checks skipped, other checks run.\n`,
      );
    else if (policyFile) io.stderr.write(`tagsight: tag policy ${policyFile}${options.require?.length ? ` and --require` : ''}${scope}\n`);
    const context: AnalyzerContext = {
      policy,
      policyMissing,
      logger: io.logger,
      files: diskSourceFiles,
      ...(configuredRegion && { configuredRegion }),
    };
    for (const { file, analyzers: handlers } of selectCheckFiles(targets, analyzers, io.logger)) {
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(file);
      } catch (error) {
        io.logger.warn(`Cannot read ${file}: ${errorMessage(error)}`);
        continue;
      }
      files++;
      const display = path.relative(process.cwd(), file) || file;
      const decoded = decodeText(bytes);
      if (!decoded.ok) {
        // Reported when what can be made of it looks like something an analyzer checks; else said, not reported.
        if (handlers.some((analyzer) => analyzer.mayFindIn(decoded.lossy)))
          findings.push({ file: display, finding: undecodableFileFinding(decoded.reason) });
        else io.logger.warn(`Skipped ${display}: ${decoded.reason}.`);
        continue;
      }
      const text = decoded.text;
      for (const analyzer of handlers) {
        const session = analyzer.createSession(path.resolve(file));
        try {
          for (const finding of await session.analyze(text, context)) findings.push({ file: display, finding });
        } finally {
          session.dispose();
        }
      }
    }
  }
  io.logger.info(`Checked ${files} files: ${findings.length} findings`);
  const output =
    options.format === 'json'
      ? formatCodeJson(findings)
      : options.format === 'sarif'
        ? formatCodeSarif(findings, { version: PROJECT_VERSION, srcRoot: process.cwd(), sourceText: readIfReadable })
        : options.format === 'gitlab'
          ? formatCodeGitlab(findings, { sourceText: readIfReadable })
          : formatCodeText(findings);
  io.stdout.write(output);
  return findings.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

/** The checked paths grouped by the policy file that applies to them (`--policy`, else the nearest one upward). */
function targetsByPolicy(targets: readonly string[], options: CheckOptions): Map<string | undefined, string[]> {
  const groups = new Map<string | undefined, string[]>();
  for (const target of targets) {
    const file = options.policy ?? discoverPolicyFile(target);
    groups.set(file, [...(groups.get(file) ?? []), target]);
  }
  return groups;
}

export function register(program: Command, io: CliIo): void {
  const command = program
    .command('check')
    .description('Check Terraform, CloudFormation and code for required tags and region mistakes.')
    .argument('[paths...]', 'files or directories (default: the current directory)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif', 'gitlab']).default('text'))
    .option(
      '--assume-region <region>',
      'judge AWS clients that set no region in code as if in this region (default: such clients are not judged)',
    )
    .option(
      '--use-local-aws-config',
      "judge AWS clients that set no region in code by this machine's AWS_REGION, AWS_PROFILE and AWS config files, as each tool reads them",
    );
  addPolicyOptions(command).action(async (paths: string[], options: CheckOptions) => {
    try {
      io.exit(await runCheck(paths, options, io));
    } catch (error) {
      if (error instanceof UsageError) {
        io.stderr.write(`tagsight: ${error.message}\n`);
        io.exit(EXIT_USAGE);
        return;
      }
      throw error;
    }
  });
}
