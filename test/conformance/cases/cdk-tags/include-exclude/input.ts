import { App, Aspects, RemoveTag, Stack, Tag, Tags } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';

const app = new App();
const root = new Stack(app, 'Root');
const bucket = new s3.CfnBucket(root, 'Bucket');
const param = new ssm.CfnParameter(root, 'Param', { type: 'String', value: 'v' });
Tags.of(root).add('onlyBuckets', 'yes', { includeResourceTypes: ['AWS::S3::Bucket'] });
Tags.of(root).add('notBuckets', 'yes', { excludeResourceTypes: ['AWS::S3::Bucket'] });
Tags.of(root).add('wrongInclude', 'yes', { includeResourceTypes: ['AWS::Wrong::Resource'] });
Tags.of(root).add('wrongExclude', 'yes', { excludeResourceTypes: ['AWS::Wrong::Resource'] });
Tags.of(root).add('emptyLists', 'yes', { includeResourceTypes: [], excludeResourceTypes: [] });
