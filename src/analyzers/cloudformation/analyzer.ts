import type { CodeFinding } from '../../core/code-finding';
import { mayBeTerraformPlan } from '../../core/terraform-plan';
import { errorMessage } from '../../core/errors';
import type { AnalysisSession, AnalyzerContext, DocumentAnalyzer, TextChange } from '../document-analyzer';
import { parseErrorFinding } from '../parse-error';
import { looksLikeJson } from './parse-template';
import { type TemplateSnapshot, reuseAfterEdits, snapshotOf } from './resource-reuse';
import { readTemplate } from './syntax-recovery';
import { checkTemplate, isTemplate } from './tag-check';

/**
 * CloudFormation and SAM templates (.yaml, .yml, .json, .template). YAML and JSON parsers have no incremental
 * mode: an edit inside one resource reparses only that resource (resource-reuse.ts), anything else the template.
 */
const EXTENSIONS = /\.(ya?ml|json|template)$/i;
const LANGUAGES = new Set(['yaml', 'json', 'jsonc', 'cloudformation']);
/** Cheap pre-check before parsing: a template mentions one of these somewhere. */
const TEMPLATE_HINT = /AWSTemplateFormatVersion|AWS::|Resources/;
/** What only a template says: its format version, or a resource typed `AWS::Service::Resource`. */
const TEMPLATE_TEXT = /AWSTemplateFormatVersion|["']?Type["']?[ \t]*:[ \t]*["']?AWS::[A-Za-z0-9]+::[A-Za-z0-9]/;

function mayBeTemplate(text: string): boolean {
  // A Terraform plan may mention AWS:: (or quote a stack's template) but is no template: the plan analyzer reads it.
  return TEMPLATE_HINT.test(text) && !mayBeTerraformPlan(text);
}

class CloudFormationSession implements AnalysisSession {
  private snapshot: TemplateSnapshot | undefined;

  constructor(private readonly filePath: string) {}

  async analyze(text: string, context: AnalyzerContext, changes?: readonly TextChange[]): Promise<CodeFinding[]> {
    const previous = this.snapshot;
    this.snapshot = undefined;
    if (context.policyMissing || context.policy.requirements.length === 0 || !mayBeTemplate(text)) return [];
    try {
      const reused = previous ? reuseAfterEdits(previous, text, changes, context.policy) : undefined;
      if (reused) {
        this.snapshot = reused.snapshot;
        return reused.findings;
      }
      const syntax = /\.json$/i.test(this.filePath) || looksLikeJson(text) ? 'json' : 'yaml';
      const { template, problem } = readTemplate(text, syntax);
      const findings = checkTemplate(template, context.policy);
      if (!problem) {
        this.snapshot = snapshotOf(text, template, findings, context.policy);
        return findings;
      }
      // A file too broken to be recognised as a template still gets the error when it reads like one.
      if (!isTemplate(template.root) && !TEMPLATE_TEXT.test(text)) return findings;
      return [parseErrorFinding(problem.range, problem.what, 'resources'), ...findings];
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
  readonly kind = 'iac';
  readonly filePatterns = ['*.yaml', '*.yml', '*.json', '*.template'];

  handles(filePath: string, languageId?: string): boolean {
    if (/(^|[\\/])(package(-lock)?|tsconfig|composer)\.json$/i.test(filePath)) return false;
    return EXTENSIONS.test(filePath) || (languageId !== undefined && LANGUAGES.has(languageId) && !filePath.includes('.'));
  }

  mayFindIn(text: string): boolean {
    return mayBeTemplate(text);
  }

  createSession(filePath: string): AnalysisSession {
    return new CloudFormationSession(filePath);
  }
}
