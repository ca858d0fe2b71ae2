import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { cloudFormationPatternForOrganizationsType } from '../analyzers/taggable-types';
import { UsageError } from '../core/errors';
import { parsePolicyFile } from '../core/policy-file';
import { SETTING_SOURCE, mergePolicySources } from '../core/policy-sources';
import type { RequiredTag, TagPolicy } from '../core/tag-policy';
import { decodeText } from '../core/text-decoding';
import type { CliIo } from './io';

/**
 * The tag policy options every command that judges tags shares: `--policy FILE` (AWS Organizations syntax; default
 * the nearest `tag-policy.json` found from the checked path upward, as ESLint finds its config) and `--require a,b`
 * (keys added after the file, named `--require`). A command adds them with addPolicyOptions and reads the policy
 * with loadPolicyOptions; a malformed or missing explicit file is a UsageError (exit 2) after its errors were
 * written to stderr with their positions.
 */
export const DEFAULT_POLICY_FILE = 'tag-policy.json';

export interface PolicyOptions {
  policy?: string;
  require?: string[];
}

export const REQUIRE_SOURCE_NAME = '--require';

export function addPolicyOptions(command: Command): Command {
  return command
    .option(
      '-p, --policy <file>',
      `tag policy in the AWS Organizations syntax (default: the nearest ${DEFAULT_POLICY_FILE} from each path upward)`,
    )
    .option(
      '-r, --require <keys>',
      'require these comma-separated tag keys (in addition to the policy file)',
      (value: string, previous: string[] = []) => [
        ...previous,
        ...value
          .split(',')
          .map((key) => key.trim())
          .filter(Boolean),
      ],
    );
}

/**
 * The nearest `tag-policy.json` from `target` (a file or folder) upward: in its folder, then each parent, stopping
 * after the repository root (the first folder holding `.git`) or the file system's root. Relative to the working
 * directory when below it, so findings name it as the user would type it.
 */
export function discoverPolicyFile(target: string): string | undefined {
  let dir = path.resolve(target);
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
  for (;;) {
    const candidate = path.join(dir, DEFAULT_POLICY_FILE);
    if (fs.existsSync(candidate)) return displayPath(candidate);
    const parent = path.dirname(dir);
    if (parent === dir || fs.existsSync(path.join(dir, '.git'))) return undefined;
    dir = parent;
  }
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function readPolicyFile(options: PolicyOptions, io: CliIo, from: string): RequiredTag[] | undefined {
  const explicit = options.policy !== undefined;
  const file = options.policy ?? discoverPolicyFile(from);
  if (file === undefined) return undefined;
  if (!fs.existsSync(file)) {
    if (explicit) throw new UsageError(`Policy file not found: ${file}`);
    return undefined;
  }
  const decoded = decodeText(fs.readFileSync(file));
  if (!decoded.ok) throw new UsageError(`The tag policy ${file} cannot be read: ${decoded.reason}.`);
  const text = decoded.text;
  const parsed = parsePolicyFile(text, file, { resolveType: cloudFormationPatternForOrganizationsType });
  const where = (range: { start: { line: number; character: number } }) => `${file}:${range.start.line + 1}:${range.start.character + 1}`;
  for (const warning of parsed.warnings) io.stderr.write(`${where(warning.range)}: warning: ${warning.message}\n`);
  if (parsed.errors.length > 0) {
    for (const error of parsed.errors) io.stderr.write(`${where(error.range)}: error: ${error.message}\n`);
    throw new UsageError(`The tag policy ${file} has ${parsed.errors.length} error${parsed.errors.length > 1 ? 's' : ''}.`);
  }
  return [...parsed.policy.requirements];
}

/**
 * The policy file's requirements, then `--require`'s; empty when neither is given (the caller says so). `from` is
 * where the discovery of the policy file starts (the checked path; the working directory by default).
 */
export function loadPolicyOptions(options: PolicyOptions, io: CliIo, from = '.'): TagPolicy {
  const policyFile = readPolicyFile(options, io, from);
  const setting = (options.require ?? []).map((key): RequiredTag => ({ key, source: { ...SETTING_SOURCE, name: REQUIRE_SOURCE_NAME } }));
  return mergePolicySources({ ...(policyFile ? { policyFile } : {}), setting });
}
