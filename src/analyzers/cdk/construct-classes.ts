import { cloudFormationTagInfo, taggableCloudFormationTypes } from '../taggable-types';

/**
 * What a CDK class creates, by module and class name:
 * - an L1 class `CfnX` of module `aws-<service>` is the CloudFormation type `AWS::<Service>::X` (CDK generates L1s
 *   from the CloudFormation specification under exactly these names);
 * - an L2 class is known only from the table below: its primary resource's type, and the tag keys the class adds
 *   to itself (Vpc, Instance, FileSystem and AutoScalingGroup tag themselves `Name`);
 * - any other class of aws-cdk-lib is a construct of unknown resources: none of them is judged.
 * Modules are written `aws-cdk-lib/aws-s3`, `aws-cdk-lib` + `aws_s3`, `@aws-cdk/aws-s3` (v1) or `aws_cdk.aws_s3`.
 */
export type CdkModule =
  { readonly kind: 'core' } | { readonly kind: 'constructs' } | { readonly kind: 'service'; readonly service: string };

export type CdkClass =
  | { readonly kind: 'app' }
  | { readonly kind: 'stack' }
  /** A scope that creates nothing itself: Stage, Construct, NestedStack (its resources are tagged through it). */
  | { readonly kind: 'scope' }
  | { readonly kind: 'tags' }
  /** `new Tag(key, value, props)` / `new RemoveTag(key, props)`, given to Aspects.of(scope).add(...). */
  | { readonly kind: 'tag-aspect'; readonly action: 'add' | 'remove' }
  | {
      readonly kind: 'resource';
      readonly cfnType: string;
      readonly layer: 'L1' | 'L2';
      readonly tagProperty?: string;
      readonly selfTags: readonly string[];
    }
  /** A class of aws-cdk-lib whose resources are not known here: it creates constructs, never tags its scope. */
  | { readonly kind: 'cdk-other' };

const CORE_CLASSES: Record<string, CdkClass> = {
  App: { kind: 'app' },
  Stack: { kind: 'stack' },
  Stage: { kind: 'scope' },
  NestedStack: { kind: 'scope' },
  Tags: { kind: 'tags' },
  Tag: { kind: 'tag-aspect', action: 'add' },
  RemoveTag: { kind: 'tag-aspect', action: 'remove' },
};

/** L2 classes whose primary resource is known: module (without `aws-`) -> class -> CloudFormation type. */
const L2_TYPES: Record<string, Record<string, string>> = {
  s3: { Bucket: 'AWS::S3::Bucket' },
  sqs: { Queue: 'AWS::SQS::Queue' },
  sns: { Topic: 'AWS::SNS::Topic' },
  dynamodb: { Table: 'AWS::DynamoDB::Table' },
  lambda: { Function: 'AWS::Lambda::Function', DockerImageFunction: 'AWS::Lambda::Function' },
  'lambda-nodejs': { NodejsFunction: 'AWS::Lambda::Function' },
  'lambda-python-alpha': { PythonFunction: 'AWS::Lambda::Function' },
  logs: { LogGroup: 'AWS::Logs::LogGroup' },
  kms: { Key: 'AWS::KMS::Key' },
  ec2: { Vpc: 'AWS::EC2::VPC', SecurityGroup: 'AWS::EC2::SecurityGroup', Instance: 'AWS::EC2::Instance' },
  rds: { DatabaseInstance: 'AWS::RDS::DBInstance', DatabaseCluster: 'AWS::RDS::DBCluster' },
  ecs: { Cluster: 'AWS::ECS::Cluster' },
  ecr: { Repository: 'AWS::ECR::Repository' },
  iam: { Role: 'AWS::IAM::Role', User: 'AWS::IAM::User' },
  secretsmanager: { Secret: 'AWS::SecretsManager::Secret' },
  kinesis: { Stream: 'AWS::Kinesis::Stream' },
  stepfunctions: { StateMachine: 'AWS::StepFunctions::StateMachine' },
  efs: { FileSystem: 'AWS::EFS::FileSystem' },
  cloudfront: { Distribution: 'AWS::CloudFront::Distribution' },
  elasticloadbalancingv2: {
    ApplicationLoadBalancer: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    NetworkLoadBalancer: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  },
  apigateway: { RestApi: 'AWS::ApiGateway::RestApi' },
  cognito: { UserPool: 'AWS::Cognito::UserPool' },
  codebuild: { Project: 'AWS::CodeBuild::Project' },
  autoscaling: { AutoScalingGroup: 'AWS::AutoScaling::AutoScalingGroup' },
};

/** L2 classes that call Tags.of(this).add(...) in their constructor, with a value from the construct's path. */
const L2_SELF_TAGS: Record<string, readonly string[]> = {
  'AWS::EC2::VPC': ['Name'],
  'AWS::EC2::Instance': ['Name'],
  'AWS::EFS::FileSystem': ['Name'],
  'AWS::AutoScaling::AutoScalingGroup': ['Name'],
};

/** Taggable CloudFormation types by their lower-case form, for the case-insensitive service match of L1 names. */
let taggableByLowerName: Map<string, string> | undefined;

function cfnTypeFor(service: string, resource: string): string | undefined {
  if (!taggableByLowerName) {
    taggableByLowerName = new Map();
    for (const type of taggableCloudFormationTypes()) taggableByLowerName.set(type.toLowerCase(), type);
  }
  return taggableByLowerName.get(`aws::${service.replace(/-/g, '')}::${resource}`.toLowerCase());
}

/** `aws-cdk-lib/aws-s3`, `aws_cdk.aws_s3`, `@aws-cdk/aws-s3` -> its module; undefined for other modules. */
export function cdkModuleOf(moduleName: string): CdkModule | undefined {
  if (
    moduleName === 'aws-cdk-lib' ||
    moduleName === 'aws_cdk' ||
    moduleName === '@aws-cdk/core' ||
    moduleName === 'aws-cdk-lib/core' ||
    moduleName === 'aws_cdk.core'
  )
    return { kind: 'core' };
  if (moduleName === 'constructs') return { kind: 'constructs' };
  const match = /^(?:aws-cdk-lib\/|@aws-cdk\/)aws-([a-z0-9-]+)$/.exec(moduleName) ?? /^aws_cdk\.aws_([a-z0-9_]+)$/.exec(moduleName);
  return match ? { kind: 'service', service: match[1]!.replace(/_/g, '-') } : undefined;
}

/** `cdk.aws_s3` (a member of aws-cdk-lib's root) -> the module. */
export function submoduleOf(member: string): CdkModule | undefined {
  const match = /^aws_([a-z0-9_]+)$/.exec(member);
  return match ? { kind: 'service', service: match[1]!.replace(/_/g, '-') } : undefined;
}

/** What each class is, once per module and name: a program names the same few classes thousands of times. */
const classes = new Map<string, CdkClass | undefined>();

export function cdkClass(module: CdkModule, name: string): CdkClass | undefined {
  const id = `${module.kind === 'service' ? module.service : module.kind}|${name}`;
  if (classes.has(id)) return classes.get(id);
  const cls = classify(module, name);
  classes.set(id, cls);
  return cls;
}

function classify(module: CdkModule, name: string): CdkClass | undefined {
  if (module.kind === 'core') return CORE_CLASSES[name] ?? (/^[A-Z]/.test(name) ? { kind: 'cdk-other' } : undefined);
  if (module.kind === 'constructs') return name === 'Construct' ? { kind: 'scope' } : undefined;
  if (!/^[A-Z]/.test(name)) return undefined;
  if (name.startsWith('Cfn') && name.length > 3) {
    const cfnType = cfnTypeFor(module.service, name.slice(3));
    const info = cfnType ? cloudFormationTagInfo(cfnType) : undefined;
    if (cfnType && info) return { kind: 'resource', cfnType, layer: 'L1', tagProperty: lowerFirst(info.property), selfTags: [] };
    return { kind: 'cdk-other' };
  }
  const cfnType = L2_TYPES[module.service]?.[name];
  if (cfnType) return { kind: 'resource', cfnType, layer: 'L2', selfTags: L2_SELF_TAGS[cfnType] ?? [] };
  return { kind: 'cdk-other' };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** For the README and tests: the L2 classes this table knows, as `aws-s3.Bucket -> AWS::S3::Bucket`. */
export function knownL2Classes(): Array<{ module: string; name: string; cfnType: string }> {
  return Object.entries(L2_TYPES).flatMap(([service, classes]) =>
    Object.entries(classes).map(([name, cfnType]) => ({ module: `aws-${service}`, name, cfnType })),
  );
}
