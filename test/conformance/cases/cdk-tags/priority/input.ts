import { App, Aspects, RemoveTag, Stack, Tag, Tags } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';

const app = new App();
const root = new Stack(app, 'Root');
const kept = new s3.CfnBucket(root, 'Kept');
Tags.of(kept).add('key', 'myVal', { priority: 2 });
Tags.of(kept).add('key', 'newVal', { priority: 1 });
Tags.of(kept).remove('key', { priority: 1 });
const removed = new s3.CfnBucket(root, 'Removed');
Tags.of(removed).add('key', 'myVal', { priority: 2 });
Tags.of(removed).add('key', 'newVal', { priority: 1 });
Tags.of(removed).remove('key', { priority: 1 });
Tags.of(removed).remove('key', { priority: 2 });
const overwritten = new s3.CfnBucket(root, 'Overwritten');
Tags.of(overwritten).add('dne', 'notanymore');
Tags.of(overwritten).add('dne', 'iwin');
