import { cloudFormationTypeForTerraform, isTerraformTaggable } from '../taggable-types';

/**
 * Pulumi's AWS package is bridged from the Terraform AWS provider: each Pulumi resource is one Terraform resource
 * type under another name (`aws.s3.Bucket` is `aws_s3_bucket`, `aws.ec2.Instance` is `aws_instance`). The bridge
 * names most resources `<module>.<Class>` from `aws_<module>_<class>` or, in the ec2 module and a few others,
 * from `aws_<class>`; the exceptions below are those the rules miss. A token that maps to no taggable Terraform
 * type is not judged (unknown, never a finding).
 */
const TOKEN_EXCEPTIONS: Record<string, string> = {
  's3.BucketV2': 'aws_s3_bucket',
  'rds.Instance': 'aws_db_instance',
  'rds.SubnetGroup': 'aws_db_subnet_group',
  'rds.ParameterGroup': 'aws_db_parameter_group',
  'rds.Snapshot': 'aws_db_snapshot',
  'rds.EventSubscription': 'aws_db_event_subscription',
  'lb.LoadBalancer': 'aws_lb',
  'lb.TargetGroup': 'aws_lb_target_group',
  'alb.LoadBalancer': 'aws_alb',
  'alb.TargetGroup': 'aws_alb_target_group',
  'elb.LoadBalancer': 'aws_elb',
  'ec2.Eip': 'aws_eip',
  'autoscaling.Group': 'aws_autoscaling_group',
  'cloudformation.Stack': 'aws_cloudformation_stack',
  'redshift.Cluster': 'aws_redshift_cluster',
  'opensearch.Domain': 'aws_opensearch_domain',
  'elasticsearch.Domain': 'aws_elasticsearch_domain',
  'acm.Certificate': 'aws_acm_certificate',
};

function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** The Terraform type of a Pulumi token (`s3.Bucket`), when it is a taggable one. */
export function terraformTypeForPulumi(token: string, additional: readonly string[] = []): string | undefined {
  const exception = TOKEN_EXCEPTIONS[token];
  if (exception) return isTerraformTaggable(exception, additional) ? exception : undefined;
  const [module, className] = token.split('.');
  if (!module || !className) return undefined;
  const resource = snake(className);
  const candidates = [`aws_${module.toLowerCase()}_${resource}`, `aws_${resource}`];
  return candidates.find((candidate) => isTerraformTaggable(candidate, additional));
}

/** Every name a requirement may use for the token's type: the Terraform and the CloudFormation one. */
export function typeNamesForPulumi(token: string, additional: readonly string[] = []): string[] | undefined {
  const terraform = terraformTypeForPulumi(token, additional);
  if (!terraform) return undefined;
  const cfn = cloudFormationTypeForTerraform(terraform);
  return cfn ? [terraform, cfn] : [terraform];
}
