import type { CodeFinding } from '../../core/code-finding';
import { mayBeTerraformPlan } from '../../core/terraform-plan';
import { errorMessage } from '../../core/errors';
import type { AnalysisSession, AnalyzerContext, DocumentAnalyzer, TextChange } from '../document-analyzer';
import { looksLikeJson, parseTemplate } from './parse-template';
import { type TemplateSnapshot, reuseAfterEdit, snapshotOf } from './resource-reuse';
import { checkTemplate } from './tag-check';

/**
 * CloudFormation and SAM templates (.yaml, .yml, .json, .template). YAML and JSON parsers have no incremental
 * mode: an edit inside one resource reparses only that resource (resource-reuse.ts), anything else the template.
 */
const EXTENSIONS = /\.(ya?ml|json|template)$/i;
const LANGUAGES = new Set(['yaml', 'json', 'jsonc', 'cloudformation']);
/** Cheap pre-check before parsing: a template mentions one of these somewhere. */
const TEMPLATE_HINT = /AWSTemplateFormatVersion|AWS::|Resources/;

class CloudFormationSession implements AnalysisSession {
  private snapshot: TemplateSnapshot | undefined;

  constructor(private readonly filePath: string) {}

  async analyze(text: string, context: AnalyzerContext, changes?: readonly TextChange[]): Promise<CodeFinding[]> {
    const previous = this.snapshot;
    this.snapshot = undefined;
    if (context.policyMissing || context.policy.requirements.length === 0 || !TEMPLATE_HINT.test(text)) return [];
    // A Terraform plan may mention AWS:: (or quote a stack's template) but is no template: the plan analyzer reads it.
    if (mayBeTerraformPlan(text)) return [];
    try {
      const reused = previous ? reuseAfterEdit(previous, text, changes, context.policy) : undefined;
      if (reused) {
        this.snapshot = reused.snapshot;
        return reused.findings;
      }
      const syntax = /\.json$/i.test(this.filePath) || looksLikeJson(text) ? 'json' : 'yaml';
      const template = parseTemplate(text, syntax);
      const findings = checkTemplate(template, context.policy);
      this.snapshot = snapshotOf(text, template, findings, context.policy);
      return findings;
    } catch (error) {
      context.logger.error(`CloudFormation check failed for ${this.filePath}: ${errorMessage(error)}`);
      return [];
    }
  }

  dispose(): void {
    this.snapshot = undefined;
  }
}

export class CloudFormationAnalyzer implements DocumentAnalyzer {
  readonly id = 'cloudformation';

  handles(filePath: string, languageId?: string): boolean {
    if (/(^|[\\/])(package(-lock)?|tsconfig|composer)\.json$/i.test(filePath)) return false;
    return EXTENSIONS.test(filePath) || (languageId !== undefined && LANGUAGES.has(languageId) && !filePath.includes('.'));
  }

  createSession(filePath: string): AnalysisSession {
    return new CloudFormationSession(filePath);
  }
}
