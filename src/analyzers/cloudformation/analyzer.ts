import type { CodeFinding } from '../../core/code-finding';
import { errorMessage } from '../../core/errors';
import type { AnalysisSession, AnalyzerContext, DocumentAnalyzer } from '../document-analyzer';
import { looksLikeJson, parseTemplate } from './parse-template';
import { checkTemplate } from './tag-check';

/**
 * CloudFormation and SAM templates (.yaml, .yml, .json, .template). YAML and JSON parsers have no incremental
 * mode; a 2,000-line template parses in well under the debounce delay, so each analysis parses afresh.
 */
const EXTENSIONS = /\.(ya?ml|json|template)$/i;
const LANGUAGES = new Set(['yaml', 'json', 'jsonc', 'cloudformation']);
/** Cheap pre-check before parsing: a template mentions one of these somewhere. */
const TEMPLATE_HINT = /AWSTemplateFormatVersion|AWS::|Resources/;

class CloudFormationSession implements AnalysisSession {
  constructor(private readonly filePath: string) {}

  async analyze(text: string, context: AnalyzerContext): Promise<CodeFinding[]> {
    if (context.policyMissing || context.policy.requirements.length === 0 || !TEMPLATE_HINT.test(text)) return [];
    try {
      const syntax = /\.json$/i.test(this.filePath) || looksLikeJson(text) ? 'json' : 'yaml';
      return checkTemplate(parseTemplate(text, syntax), context.policy);
    } catch (error) {
      context.logger.error(`CloudFormation check failed for ${this.filePath}: ${errorMessage(error)}`);
      return [];
    }
  }

  dispose(): void {}
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
