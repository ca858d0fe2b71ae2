import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Command, Option } from 'commander';
import { createAnalyzers, analyzersFor } from '../../analyzers/registry';
import type { AnalyzerContext, DocumentAnalyzer } from '../../analyzers/document-analyzer';
import type { ConfiguredRegion } from '../../core/configured-region';
import { cloudFormationPatternForOrganizationsType } from '../../analyzers/taggable-types';
import { UsageError, errorMessage } from '../../core/errors';
import { parsePolicyFile } from '../../core/policy-file';
import { SETTING_SOURCE, isPolicyMissing, mergePolicySources } from '../../core/policy-sources';
import type { RequiredTag } from '../../core/tag-policy';
import { type LocatedFinding } from '../../report/code-report';
import { formatCodeJson } from '../../report/code-json';
import { formatCodeSarif } from '../../report/code-sarif';
import { formatCodeText } from '../../report/code-text';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, type CliIo } from '../io';

/**
 * `tagsight check [paths...]`: every analyzer of the registry over the given files and directories, the same
 * judgement as the editor's. Exit 0 clean, 1 findings, 2 usage or input error (a bad path, a malformed policy).
 */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.terraform', '.git', '.terragrunt-cache', '.aws-sam', 'cdk.out']);
export const DEFAULT_POLICY_FILE = 'tag-policy.json';

interface CheckOptions {
  format: 'text' | 'json' | 'sarif';
  policy?: string;
  require?: string[];
}

function* walk(target: string): Generator<string> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new UsageError(`No such file or directory: ${target}`);
  }
  if (stat.isFile()) {
    yield target;
    return;
  }
  const stack = [target];
  while (stack.length > 0) {
    const directory = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(directory, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) stack.push(full);
      } else if (entry.isFile()) {
        yield full;
      }
    }
  }
}

function readPolicy(options: CheckOptions, io: CliIo): RequiredTag[] | undefined {
  const explicit = options.policy !== undefined;
  const file = options.policy ?? DEFAULT_POLICY_FILE;
  if (!fs.existsSync(file)) {
    if (explicit) throw new UsageError(`Policy file not found: ${file}`);
    return undefined;
  }
  const text = fs.readFileSync(file, 'utf8');
  const parsed = parsePolicyFile(text, file, { resolveType: cloudFormationPatternForOrganizationsType });
  for (const warning of parsed.warnings) io.stderr.write(`${file}:${warning.range.start.line + 1}:${warning.range.start.character + 1}: warning: ${warning.message}\n`);
  if (parsed.errors.length > 0) {
    for (const error of parsed.errors) io.stderr.write(`${file}:${error.range.start.line + 1}:${error.range.start.character + 1}: error: ${error.message}\n`);
    throw new UsageError(`The tag policy ${file} has ${parsed.errors.length} error${parsed.errors.length > 1 ? 's' : ''}.`);
  }
  return [...parsed.policy.requirements];
}

function configuredRegionFromEnvironment(): ConfiguredRegion | undefined {
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const region = process.env[name];
    if (region) return { region, source: name };
  }
  return undefined;
}

export async function runCheck(paths: readonly string[], options: CheckOptions, io: CliIo, analyzers: readonly DocumentAnalyzer[] = createAnalyzers()): Promise<0 | 1 | 2> {
  const policyFile = readPolicy(options, io);
  const setting = (options.require ?? []).map((key): RequiredTag => ({ key, source: { ...SETTING_SOURCE, name: '--require' } }));
  const policy = mergePolicySources({ ...(policyFile ? { policyFile } : {}), setting });
  const policyMissing = isPolicyMissing(policy);
  if (policyMissing) {
    io.stderr.write(`tagsight: no tag policy (no --policy, no ${DEFAULT_POLICY_FILE}, no --require): tag checks skipped, other checks run.\n`);
  }
  const configuredRegion = configuredRegionFromEnvironment();
  const context: AnalyzerContext = { policy, policyMissing, logger: io.logger, ...(configuredRegion ? { configuredRegion } : {}) };
  const findings: LocatedFinding[] = [];
  let files = 0;
  for (const target of paths.length ? paths : ['.']) {
    for (const file of walk(target)) {
      const handlers = analyzersFor(analyzers, file);
      if (handlers.length === 0) continue;
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        io.logger.warn(`Cannot read ${file}: ${errorMessage(error)}`);
        continue;
      }
      files++;
      const display = path.relative(process.cwd(), file) || file;
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
  const output = options.format === 'json'
    ? formatCodeJson(findings)
    : options.format === 'sarif'
      ? formatCodeSarif(findings, { version: '0.1.0', srcRoot: process.cwd() })
      : formatCodeText(findings);
  io.stdout.write(output);
  return findings.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

export function register(program: Command, io: CliIo): void {
  program
    .command('check')
    .description('Check Terraform, CloudFormation and code for required tags and region mistakes.')
    .argument('[paths...]', 'files or directories (default: the current directory)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .option('-p, --policy <file>', `tag policy in the AWS Organizations syntax (default: ./${DEFAULT_POLICY_FILE} when present)`)
    .option('-r, --require <keys>', 'require these comma-separated tag keys (in addition to the policy file)', (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((key) => key.trim()).filter(Boolean)])
    .action(async (paths: string[], options: CheckOptions) => {
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
