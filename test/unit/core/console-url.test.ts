import * as assert from 'node:assert/strict';
import { consoleUrl } from '../../../src/core/account-model';

describe('consoleUrl', () => {
  it('opens an S3 bucket on the S3 console page of its home region', () => {
    assert.equal(
      consoleUrl('AWS::S3::Bucket', 'rnd-transcribe-test', 'ap-northeast-2'),
      'https://s3.console.aws.amazon.com/s3/buckets/rnd-transcribe-test?region=ap-northeast-2',
    );
  });

  it('opens other resources on the Config resource page of their region, and a region on its dashboard', () => {
    assert.equal(
      consoleUrl('AWS::EC2::Instance', 'i-0f9e8d7c6b5a40312', 'ap-northeast-2'),
      'https://ap-northeast-2.console.aws.amazon.com/config/home?region=ap-northeast-2#/resources/details?resourceId=i-0f9e8d7c6b5a40312&resourceType=AWS%3A%3AEC2%3A%3AInstance',
    );
    assert.equal(
      consoleUrl(undefined, undefined, 'eu-west-1'),
      'https://eu-west-1.console.aws.amazon.com/config/home?region=eu-west-1#/dashboard',
    );
  });
});
