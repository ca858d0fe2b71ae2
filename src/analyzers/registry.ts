import { CdkAnalyzer } from './cdk/analyzer';
import { CloudFormationAnalyzer } from './cloudformation/analyzer';
import type { DocumentAnalyzer } from './document-analyzer';
import { createPulumiAnalyzer } from './pulumi/analyzer';
import { createRegionAnalyzers } from './region/region-analyzer';
import { TerraformAnalyzer } from './terraform/analyzer';
import { TerraformPlanAnalyzer } from './terraform-plan/analyzer';

/**
 * Every analyzer, in one list: the editor and the CLI both take them from here, so a file is judged the same
 * way in both. Each analyzer module adds itself below.
 */
export function createAnalyzers(): DocumentAnalyzer[] {
  return [
    new TerraformAnalyzer(),
    new TerraformPlanAnalyzer(),
    new CloudFormationAnalyzer(),
    new CdkAnalyzer(),
    createPulumiAnalyzer(),
    ...createRegionAnalyzers(),
  ];
}

/** The analyzers that handle a file; empty when none does. */
export function analyzersFor(analyzers: readonly DocumentAnalyzer[], filePath: string, languageId?: string): DocumentAnalyzer[] {
  return analyzers.filter((analyzer) => analyzer.handles(filePath, languageId));
}
