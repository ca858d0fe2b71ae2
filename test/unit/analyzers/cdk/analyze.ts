import { CdkAnalyzer } from '../../../../src/analyzers/cdk/analyzer';
import type { CodeFinding } from '../../../../src/core/code-finding';
import { silentLogger } from '../../../../src/core/logger';
import type { TagPolicy } from '../../../../src/core/tag-policy';

export function policyOf(...keys: string[]): TagPolicy {
  return { requirements: keys.map((key) => ({ key, source: { kind: 'policy-file', name: 'tag-policy.json' } })) };
}

export async function analyzeCdk(text: string, policy: TagPolicy, fileName = 'app.ts'): Promise<CodeFinding[]> {
  const session = new CdkAnalyzer().createSession(`/tmp/${fileName}`);
  try {
    return await session.analyze(text, { policy, logger: silentLogger });
  } finally {
    session.dispose();
  }
}
