import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CloudFormationAnalyzer } from '../../src/analyzers/cloudformation/analyzer';
import { TerraformAnalyzer } from '../../src/analyzers/terraform/analyzer';
import { TerraformPlanAnalyzer } from '../../src/analyzers/terraform-plan/analyzer';
import type { CodeFinding } from '../../src/core/code-finding';
import { diskSourceFiles } from '../../src/app/disk-source-files';
import { silentLogger } from '../../src/core/logger';
import type { TagPolicy } from '../../src/core/tag-policy';

/** The peer tools' cases, kept in the repository (see cases/README.md for where each one comes from). */
export const CONFORMANCE_CASES = path.join(__dirname, 'cases');

/** Shared plumbing of the IaC conformance suites: where the cases are, and running our analyzers on them. */
export function conformanceDir(tool: string): string {
  const dir = path.join(CONFORMANCE_CASES, tool);
  assert.ok(fs.existsSync(dir), `Conformance folder ${dir} is missing.`);
  return dir;
}

export function caseFolders(tool: string): Array<{ name: string; dir: string; expected: Record<string, unknown> }> {
  const base = conformanceDir(tool);
  return fs
    .readdirSync(base)
    .sort()
    .map((name) => {
      const dir = path.join(base, name);
      return { name, dir, expected: JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Record<string, unknown> };
    });
}

export function policyOf(keys: readonly string[], allowedValues?: Record<string, string[]>): TagPolicy {
  return {
    requirements: keys.map((key) => ({
      key,
      ...(allowedValues?.[key] ? { allowedValues: allowedValues[key] } : {}),
      source: { kind: 'setting' as const, name: 'conformance' },
    })),
  };
}

export async function analyzeTerraformDir(dir: string, policy: TagPolicy): Promise<Array<CodeFinding & { file: string }>> {
  const analyzer = new TerraformAnalyzer();
  const findings: Array<CodeFinding & { file: string }> = [];
  try {
    for (const name of fs
      .readdirSync(dir)
      .filter((file) => file.endsWith('.tf'))
      .sort()) {
      const file = path.join(dir, name);
      const session = analyzer.createSession(file);
      for (const finding of await session.analyze(fs.readFileSync(file, 'utf8'), { policy, logger: silentLogger, files: diskSourceFiles }))
        findings.push({ ...finding, file: name });
      session.dispose();
    }
  } finally {
    analyzer.dispose();
  }
  return findings;
}

export async function analyzeTemplate(file: string, policy: TagPolicy): Promise<CodeFinding[]> {
  const session = new CloudFormationAnalyzer().createSession(file);
  try {
    return await session.analyze(fs.readFileSync(file, 'utf8'), { policy, logger: silentLogger, files: diskSourceFiles });
  } finally {
    session.dispose();
  }
}

export async function analyzePlan(file: string, policy: TagPolicy): Promise<CodeFinding[]> {
  const session = new TerraformPlanAnalyzer().createSession(file);
  try {
    return await session.analyze(fs.readFileSync(file, 'utf8'), { policy, logger: silentLogger, files: diskSourceFiles });
  } finally {
    session.dispose();
  }
}

export function sortedKeys(keys: readonly string[] | undefined): string[] {
  return [...(keys ?? [])].sort();
}
