import { App, Aspects, RemoveTag, Stack, Tag, Tags } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';

const app = new App();
const root = new Stack(app, 'Root');
const aspectBranch = new s3.CfnBucket(root, 'FakeBranchA', {
  tags: [
    { key: 'aspects', value: 'overwrite' },
    { key: 'cfn', value: 'is cool' },
  ],
});
const asgResource = new autoscaling.CfnAutoScalingGroup(aspectBranch, 'FakeAsg', {
  maxSize: '1',
  minSize: '0',
  tags: [
    { key: 'aspects', value: 'overwrite', propagateAtLaunch: false },
    { key: 'cfn', value: 'is cool', propagateAtLaunch: true },
  ],
});
const mapTaggable = new ssm.CfnParameter(aspectBranch, 'FakeSam', {
  type: 'String',
  value: 'v',
  tags: {
    aspects: 'overwrite',
    cfn: 'is cool',
  },
});
const cfnBranch = new s3.CfnBucket(root, 'FakeBranchB', {
  tags: [
    { key: 'cfn', value: 'is cool' },
  ],
});
Aspects.of(aspectBranch).add(new Tag('aspects', 'rule'));
