import { App, Aspects, RemoveTag, Stack, Tag, Tags } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';

const app = new App();
const root = new Stack(app, 'Root');
const res = new s3.CfnBucket(root, 'FakeResource');
const res2 = new s3.CfnBucket(res, 'FakeResource');
const asg = new autoscaling.CfnAutoScalingGroup(res, 'AsgFakeResource', { maxSize: '1', minSize: '0' });
const map = new ssm.CfnParameter(res, 'MapFakeResource', { type: 'String', value: 'v' });
Tags.of(root).add('root', 'was here');
Tags.of(res).add('first', 'there is only 1');
Tags.of(res).remove('root');
Tags.of(res).remove('doesnotexist');
