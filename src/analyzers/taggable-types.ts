import cfnTable from './cloudformation/taggable-types.json';
import terraformTable from './terraform/taggable-types.json';

/**
 * Which resource types carry tags, and how: Terraform types from tflint-ruleset-aws's list (generated upstream from
 * the provider schema), CloudFormation types from the CloudFormation registry schemas via @aws-cdk/aws-service-spec.
 * Both tables are generated (`npm run gen:taggable-types`; sources in tools/taggable-types/README.md). Plus the cheap mappings between the type vocabularies that tag
 * requirements use: CloudFormation (`AWS::S3::Bucket`), Terraform (`aws_s3_bucket`), Organizations (`s3:bucket`).
 */
export type CfnTagShape = 'list' | 'map' | 'asg' | 'spec';

export interface CfnTagInfo {
  /** Under Properties; a dotted path for a nested one (`SpotFleetRequestConfigData.TagSpecifications`). */
  readonly property: string;
  readonly shape: CfnTagShape;
  /** For `spec`: the `ResourceType` of the tag specification that tags the resource itself. */
  readonly specResourceType?: string;
}

const TERRAFORM_TAGGABLE: ReadonlySet<string> = new Set(terraformTable.types);
const CFN_TYPES = cfnTable.types as unknown as Record<string, [string, string, string?]>;

export function isTerraformTaggable(type: string, additional: readonly string[] = []): boolean {
  // aws_autoscaling_group tags through `tag {}` blocks, so the schema-derived list leaves it out.
  return TERRAFORM_TAGGABLE.has(type) || type === 'aws_autoscaling_group' || additional.includes(type);
}

export function cloudFormationTagInfo(type: string): CfnTagInfo | undefined {
  const entry = CFN_TYPES[type];
  if (!entry) return undefined;
  return { property: entry[0], shape: entry[1] as CfnTagShape, ...(entry[2] ? { specResourceType: entry[2] } : {}) };
}

/** Every CloudFormation type that carries tags. */
export function taggableCloudFormationTypes(): string[] {
  return Object.keys(CFN_TYPES);
}

/** Terraform names that do not follow `aws_<service>_<resource>`; the common ones only (cheap, not complete). */
const TERRAFORM_TO_CFN_EXCEPTIONS: Record<string, string> = {
  aws_instance: 'AWS::EC2::Instance',
  aws_vpc: 'AWS::EC2::VPC',
  aws_subnet: 'AWS::EC2::Subnet',
  aws_security_group: 'AWS::EC2::SecurityGroup',
  aws_internet_gateway: 'AWS::EC2::InternetGateway',
  aws_nat_gateway: 'AWS::EC2::NatGateway',
  aws_route_table: 'AWS::EC2::RouteTable',
  aws_eip: 'AWS::EC2::EIP',
  aws_ebs_volume: 'AWS::EC2::Volume',
  aws_launch_template: 'AWS::EC2::LaunchTemplate',
  aws_network_acl: 'AWS::EC2::NetworkACL',
  aws_network_interface: 'AWS::EC2::NetworkInterface',
  aws_vpc_endpoint: 'AWS::EC2::VPCEndpoint',
  aws_customer_gateway: 'AWS::EC2::CustomerGateway',
  aws_vpn_gateway: 'AWS::EC2::VPNGateway',
  aws_key_pair: 'AWS::EC2::KeyPair',
  aws_db_instance: 'AWS::RDS::DBInstance',
  aws_db_subnet_group: 'AWS::RDS::DBSubnetGroup',
  aws_db_parameter_group: 'AWS::RDS::DBParameterGroup',
  aws_rds_cluster: 'AWS::RDS::DBCluster',
  aws_autoscaling_group: 'AWS::AutoScaling::AutoScalingGroup',
  aws_lb: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  aws_alb: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  aws_lb_target_group: 'AWS::ElasticLoadBalancingV2::TargetGroup',
  aws_alb_target_group: 'AWS::ElasticLoadBalancingV2::TargetGroup',
  aws_elb: 'AWS::ElasticLoadBalancing::LoadBalancer',
  aws_cloudwatch_log_group: 'AWS::Logs::LogGroup',
  aws_cloudwatch_metric_alarm: 'AWS::CloudWatch::Alarm',
  aws_cloudfront_distribution: 'AWS::CloudFront::Distribution',
  aws_elasticache_cluster: 'AWS::ElastiCache::CacheCluster',
  aws_elasticache_replication_group: 'AWS::ElastiCache::ReplicationGroup',
  aws_elasticsearch_domain: 'AWS::Elasticsearch::Domain',
  aws_opensearch_domain: 'AWS::OpenSearchService::Domain',
  aws_sfn_state_machine: 'AWS::StepFunctions::StateMachine',
  aws_kinesis_stream: 'AWS::Kinesis::Stream',
  aws_api_gateway_rest_api: 'AWS::ApiGateway::RestApi',
  aws_apigatewayv2_api: 'AWS::ApiGatewayV2::Api',
  aws_cognito_user_pool: 'AWS::Cognito::UserPool',
  aws_secretsmanager_secret: 'AWS::SecretsManager::Secret',
  aws_ssm_parameter: 'AWS::SSM::Parameter',
  aws_efs_file_system: 'AWS::EFS::FileSystem',
  aws_codebuild_project: 'AWS::CodeBuild::Project',
};

let cfnBySnakeName: Map<string, string> | undefined;
let cfnServicesByLowerName: Map<string, string> | undefined;

function toSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

function indexCfnTypes(): void {
  if (cfnBySnakeName) return;
  cfnBySnakeName = new Map();
  cfnServicesByLowerName = new Map();
  for (const type of Object.keys(CFN_TYPES)) {
    const [, service, resource] = type.split('::');
    if (!service || !resource) continue;
    cfnBySnakeName.set(`aws_${service.toLowerCase()}_${toSnake(resource)}`, type);
    cfnServicesByLowerName.set(service.toLowerCase(), service);
  }
}

/** `aws_s3_bucket` -> `AWS::S3::Bucket`; undefined when no cheap mapping is known. */
export function cloudFormationTypeForTerraform(terraformType: string): string | undefined {
  const exception = TERRAFORM_TO_CFN_EXCEPTIONS[terraformType];
  if (exception) return exception;
  indexCfnTypes();
  return cfnBySnakeName!.get(terraformType);
}

/**
 * Organizations tag policy types (`s3:bucket`, `ec2:security-group`, `ec2:*`, `ec2:ALL_SUPPORTED`) as
 * CloudFormation patterns (`AWS::S3::Bucket`, `AWS::EC2::*`). Undefined when the service is unknown.
 */
export function cloudFormationPatternForOrganizationsType(orgType: string): string | undefined {
  const [service, resource] = orgType.split(':');
  if (!service || resource === undefined) return undefined;
  indexCfnTypes();
  const cfnService = cfnServicesByLowerName!.get(service.toLowerCase());
  if (!cfnService) return undefined;
  if (resource === '*' || resource === 'ALL_SUPPORTED') return `AWS::${cfnService}::*`;
  const wanted = resource.replace(/[-_]/g, '').toLowerCase();
  const prefix = `AWS::${cfnService}::`;
  const match = Object.keys(CFN_TYPES).find((type) => type.startsWith(prefix) && type.slice(prefix.length).toLowerCase() === wanted);
  return match ?? `${prefix}${resource.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())}`;
}
