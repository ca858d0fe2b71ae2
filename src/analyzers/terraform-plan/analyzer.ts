import { printParseErrorCode } from 'jsonc-parser';
import type { CodeFinding } from '../../core/code-finding';
import { errorMessage } from '../../core/errors';
import { mayBeTerraformPlan } from '../../core/terraform-plan';
import type { AnalysisSession, AnalyzerContext, DocumentAnalyzer } from '../document-analyzer';
import { type ParsedPlan, parseTerraformPlan } from './plan-json';
import { checkTerraformPlan } from './tag-check';
import { RULE_CATALOG } from '../../core/rule-catalog';

/**
 * Terraform plan JSON (`terraform show -json plan.out > plan.json`): the tags each resource will really get, for
 * CI. A plan is generated, so it gets no quick fixes and no incremental reparse.
 */
const LANGUAGES = new Set(['json', 'jsonc']);

class TerraformPlanSession implements AnalysisSession {
  constructor(private readonly filePath: string) {}

  async analyze(text: string, context: AnalyzerContext): Promise<CodeFinding[]> {
    if (context.policyMissing || context.policy.requirements.length === 0) return [];
    try {
      const plan = parseTerraformPlan(text);
      if (!plan) return [];
      if (plan.errors.length > 0) return [parseErrorFinding(plan)];
      return checkTerraformPlan(plan, context.policy, context.additionalTaggableTypes);
    } catch (error) {
      context.logger.error(`Terraform plan check failed for ${this.filePath}: ${errorMessage(error)}`);
      return [];
    }
  }

  dispose(): void {}
}

/**
 * A broken plan is reported and nothing else: what is unknown until apply is recorded in `resource_changes`,
 * after `planned_values`, so in a truncated plan a missing tag and an unknown one look alike.
 */
function parseErrorFinding(plan: ParsedPlan): CodeFinding {
  const error = plan.errors[0]!;
  return {
    rule: 'tagsight.parse-error',
    severity: RULE_CATALOG['tagsight.parse-error'].defaultSeverity,
    message: `This Terraform plan is not valid JSON (${printParseErrorCode(error.error)}), so nothing was checked; write it again with \`terraform show -json plan.out > plan.json\`.`,
    details: ['In a truncated plan a missing tag and one unknown until apply look alike, so no resource of it is judged.'],
    range: plan.lines.range(error.offset, error.offset + error.length),
  };
}

export class TerraformPlanAnalyzer implements DocumentAnalyzer {
  readonly id = 'terraform-plan';
  readonly kind = 'iac';
  readonly filePatterns = ['*.json'];

  handles(filePath: string, languageId?: string): boolean {
    // Any JSON may be a plan, whatever its name: the content decides, cheaply (see plan-json.ts).
    return /\.json$/i.test(filePath) || (languageId !== undefined && LANGUAGES.has(languageId));
  }

  mayFindIn(text: string): boolean {
    return mayBeTerraformPlan(text);
  }

  createSession(filePath: string): AnalysisSession {
    return new TerraformPlanSession(filePath);
  }
}
