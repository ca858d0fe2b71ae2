import { App, Aspects, RemoveTag, Stack, Tag, Tags } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';

const app = new App();
const root = new Stack(app, 'Root');
const res = new s3.CfnBucket(root, 'FakeResource');
const res2 = new s3.CfnBucket(res, 'FakeResource');
Aspects.of(res).add(new Tag('foo', 'bar'));
Aspects.of(res).add(new Tag('foo', 'foobar'));
Aspects.of(res).add(new Tag('foo', 'baz'));
Aspects.of(res2).add(new Tag('foo', 'good'));
