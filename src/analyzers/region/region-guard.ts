import type { SyntaxNode } from '../parser-runtime';
import type { CreateBucketSite } from './create-bucket-site';

/**
 * A CreateBucket call in a branch chosen by the region (`if region != "us-east-1": create_bucket(...,
 * LocationConstraint=region) else: create_bucket(Bucket=b)`) runs only for the regions its condition lets through.
 * Which region the code runs with is what the condition tests, so the region assumed for the file (the configured
 * one, or a value followed through a variable) says nothing about whether the branch runs: the client region is
 * unknown there, and so is a constraint that comes through a variable. Only what holds in every region is judged
 * (an explicit 'us-east-1' constraint written in the call).
 */
const REGION_CONDITION = /region|LocationConstraint|\b(?:us|eu|ap|sa|ca|me|af|il|mx|cn)(?:-gov|-iso[a-z]?)?-[a-z]+-\d\b/i;

/** Branching nodes of the Python, JavaScript/TypeScript and bash grammars, and where their conditions are. */
const CONDITION_FIELDS: Readonly<Record<string, readonly string[]>> = {
  if_statement: ['condition'],
  elif_clause: ['condition'],
  ternary_expression: ['condition'],
  switch_statement: ['value'],
  case_statement: ['value'],
  match_statement: ['subject'],
  while_statement: ['condition'],
};

function contains(outer: SyntaxNode, inner: SyntaxNode): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}

/** The conditions of `branching` that decide whether `site` (inside it, not in a condition) runs. */
function conditionsOf(branching: SyntaxNode, site: SyntaxNode): SyntaxNode[] {
  const fields = CONDITION_FIELDS[branching.type];
  let conditions: SyntaxNode[] = [];
  if (fields) {
    conditions = fields.flatMap((field) => branching.childrenForFieldName(field)).filter((node): node is SyntaxNode => node !== null);
    // An else branch runs when every earlier elif condition failed too.
    if (branching.type === 'if_statement') {
      for (const alternative of branching.childrenForFieldName('alternative')) {
        if (alternative?.type === 'elif_clause' && !contains(alternative, site))
          conditions.push(...alternative.childrenForFieldName('condition').filter((node): node is SyntaxNode => node !== null));
      }
    }
  } else if (branching.type === 'conditional_expression') {
    // Python `a if condition else b`: the condition is the second operand.
    const condition = branching.namedChildren[1];
    if (condition) conditions = [condition];
  } else if (branching.type === 'list') {
    // bash `[ "$REGION" = us-east-1 ] && aws s3api ... || aws s3 mb ...`: what runs before the command decides.
    conditions = branching.namedChildren.filter((node): node is SyntaxNode => node !== null && node.endIndex <= site.startIndex);
  }
  return conditions.filter((condition) => !contains(condition, site));
}

export function inRegionGuardedBranch(node: SyntaxNode): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (conditionsOf(parent, node).some((condition) => REGION_CONDITION.test(condition.text))) return true;
  }
  return false;
}

/** The site as it is judged under a region guard (see above); unchanged outside one. */
export function respectRegionGuard(node: SyntaxNode, site: CreateBucketSite): CreateBucketSite {
  if (!inRegionGuardedBranch(node)) return site;
  const constraint = site.constraint.kind === 'value' && site.constraint.viaBinding ? { kind: 'unknown' as const } : site.constraint;
  return { ...site, client: { kind: 'unknown' }, constraint };
}
