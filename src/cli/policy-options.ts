import * as fs from 'node:fs';
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
 * `./tag-policy.json` when present) and `--require a,b` (keys added after the file, named `--require`). A command
 * adds them with addPolicyOptions and reads the policy with loadPolicyOptions; a malformed or missing explicit file
 * is a UsageError (exit 2) after its errors were written to stderr with their positions.
 */
export const DEFAULT_POLICY_FILE = 'tag-policy.json';

export interface PolicyOptions {
  policy?: string;
  require?: string[];
}

export const REQUIRE_SOURCE_NAME = '--require';

export function addPolicyOptions(command: Command): Command {
  return command
    .option('-p, --policy <file>', `tag policy in the AWS Organizations syntax (default: ./${DEFAULT_POLICY_FILE} when present)`)
    .option(
      '-r, --require <keys>',
      'require these comma-separated tag keys (in addition to the policy file)',
      (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((key) => key.trim()).filter(Boolean)],
    );
}

function readPolicyFile(options: PolicyOptions, io: CliIo): RequiredTag[] | undefined {
  const explicit = options.policy !== undefined;
  const file = options.policy ?? DEFAULT_POLICY_FILE;
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

/** The policy file's requirements, then `--require`'s; empty when neither is given (the caller says so). */
export function loadPolicyOptions(options: PolicyOptions, io: CliIo): TagPolicy {
  const policyFile = readPolicyFile(options, io);
  const setting = (options.require ?? []).map((key): RequiredTag => ({ key, source: { ...SETTING_SOURCE, name: REQUIRE_SOURCE_NAME } }));
  return mergePolicySources({ ...(policyFile ? { policyFile } : {}), setting });
}
