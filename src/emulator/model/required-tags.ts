import type { ComplianceType, TagMap } from '../scenario';

/** Types the AWS-managed REQUIRED_TAGS rule evaluates (CFG-DG-2023 required-tags.md). */
export const REQUIRED_TAGS_SUPPORTED_TYPES: ReadonlySet<string> = new Set([
  'AWS::ACM::Certificate',
  'AWS::AutoScaling::AutoScalingGroup',
  'AWS::CloudFormation::Stack',
  'AWS::CodeBuild::Project',
  'AWS::DynamoDB::Table',
  'AWS::EC2::CustomerGateway',
  'AWS::EC2::Instance',
  'AWS::EC2::InternetGateway',
  'AWS::EC2::NetworkAcl',
  'AWS::EC2::NetworkInterface',
  'AWS::EC2::RouteTable',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::Subnet',
  'AWS::EC2::Volume',
  'AWS::EC2::VPC',
  'AWS::EC2::VPNConnection',
  'AWS::EC2::VPNGateway',
  'AWS::ElasticLoadBalancing::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBSecurityGroup',
  'AWS::RDS::DBSnapshot',
  'AWS::RDS::DBSubnetGroup',
  'AWS::RDS::EventSubscription',
  'AWS::Redshift::Cluster',
  'AWS::Redshift::ClusterParameterGroup',
  'AWS::Redshift::ClusterSecurityGroup',
  'AWS::Redshift::ClusterSnapshot',
  'AWS::Redshift::ClusterSubnetGroup',
  'AWS::S3::Bucket',
]);

/** Whether a REQUIRED_TAGS rule with this scope evaluates a resource type at all. */
export function requiredTagsApplies(type: string, scopeTypes: readonly string[] | undefined): boolean {
  if (!REQUIRED_TAGS_SUPPORTED_TYPES.has(type)) return false;
  return !scopeTypes || scopeTypes.length === 0 || scopeTypes.includes(type);
}

/** REQUIRED_TAGS semantics: tag1Key..tag6Key must be present; tagNValue, when set, is a comma-separated allow list. */
export function evaluateRequiredTags(
  tags: TagMap,
  parameters: Record<string, string>,
): { complianceType: ComplianceType; annotation?: string } {
  const problems: string[] = [];
  for (let n = 1; n <= 6; n++) {
    const key = parameters[`tag${n}Key`];
    if (!key) continue;
    const allowed = parameters[`tag${n}Value`]
      ?.split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    if (!(key in tags)) problems.push(`missing tag ${key}`);
    else if (allowed && allowed.length > 0 && !allowed.includes(tags[key] ?? ''))
      problems.push(`tag ${key} has a value that is not allowed`);
  }
  return problems.length === 0 ? { complianceType: 'COMPLIANT' } : { complianceType: 'NON_COMPLIANT' };
}
