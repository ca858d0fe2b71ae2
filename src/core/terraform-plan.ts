/**
 * Terraform plan JSON (`terraform show -json plan.out`), recognised by content: any `.json` may be a plan, and
 * most are not. Two regular expressions over the raw text turn those away before anything is parsed; `jq -S`
 * sorts keys, so `format_version` need not come first.
 */
const FORMAT_VERSION_KEY = /"format_version"\s*:/;
const PLAN_SECTION_KEY = /"(?:planned_values|resource_changes)"\s*:/;

export function mayBeTerraformPlan(text: string): boolean {
  return FORMAT_VERSION_KEY.test(text) && PLAN_SECTION_KEY.test(text);
}
