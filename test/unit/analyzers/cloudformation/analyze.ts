import { CloudFormationAnalyzer } from '../../../../src/analyzers/cloudformation/analyzer';
import type { CodeFinding } from '../../../../src/core/code-finding';
import { silentLogger } from '../../../../src/core/logger';
import type { TagPolicy } from '../../../../src/core/tag-policy';

export async function analyzeTemplateText(text: string, policy: TagPolicy, fileName = 'template.yaml'): Promise<CodeFinding[]> {
  const session = new CloudFormationAnalyzer().createSession(`/tmp/${fileName}`);
  try {
    return await session.analyze(text, { policy, logger: silentLogger });
  } finally {
    session.dispose();
  }
}
