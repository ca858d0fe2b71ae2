import * as assert from 'node:assert/strict';
import { GetBucketTaggingCommand, PutBucketTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { route } from '../../../src/emulator/server';
import { startHarness, type Harness } from './helpers';

const scope = (service: string, region = 'eu-west-1') =>
  `AWS4-HMAC-SHA256 Credential=AKID/20261127/${region}/${service}/aws4_request, SignedHeaders=host, Signature=abc`;

describe('emulator: wire handling', () => {
  it('routes by X-Amz-Target, path and credential scope', () => {
    const q = new URLSearchParams();
    assert.deepEqual(route('POST', '/', q, { 'x-amz-target': 'StarlingDoveService.DescribeConfigRules' }, '{}'), {
      service: 'config',
      protocol: 'json',
      operation: 'DescribeConfigRules',
    });
    assert.deepEqual(route('POST', '/', q, { 'x-amz-target': 'CloudTrail_20131101.LookupEvents' }, '{}'), {
      service: 'cloudtrail',
      protocol: 'json',
      operation: 'LookupEvents',
    });
    assert.deepEqual(route('POST', '/', q, { 'x-amz-target': 'ResourceGroupsTaggingAPI_20170126.GetResources' }, '{}'), {
      service: 'tagging',
      protocol: 'json',
      operation: 'GetResources',
    });
    assert.deepEqual(
      route(
        'POST',
        '/',
        q,
        { authorization: scope('sts'), 'content-type': 'application/x-www-form-urlencoded' },
        'Action=GetCallerIdentity&Version=2011-06-15',
      ),
      { service: 'sts', protocol: 'query', operation: 'GetCallerIdentity' },
    );
    assert.deepEqual(route('POST', '/listRegions', q, { authorization: scope('account') }, '{}'), {
      service: 'account',
      protocol: 'rest-json',
      operation: 'ListRegions',
    });
    assert.deepEqual(route('GET', '/v20180820/tags/arn%3Aaws%3As3%3A%3A%3Ab', q, { authorization: scope('s3') }, ''), {
      service: 's3-control',
      protocol: 'rest-xml',
      operation: 'ListTagsForResource',
    });
    assert.deepEqual(route('GET', '/bucket/', new URLSearchParams('tagging='), { authorization: scope('s3') }, ''), {
      service: 's3',
      protocol: 'rest-xml',
      operation: 'GetBucketTagging',
    });
    assert.equal(route('POST', '/', q, { 'x-amz-target': 'Nope_2020.Op' }, '{}'), undefined);
  });

  describe('over HTTP', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await startHarness('incident');
    });
    afterEach(async () => h.emulator.close());

    const post = (headers: Record<string, string>, body: string, path = '/') =>
      fetch(`${h.emulator.endpoint}${path}`, { method: 'POST', headers, body });

    it('answers an unreadable JSON body with SerializationException and an unknown operation with UnknownOperationException', async () => {
      const bad = await post(
        { 'x-amz-target': 'StarlingDoveService.DescribeConfigRules', authorization: scope('config', 'ap-northeast-2') },
        '{not json',
      );
      assert.equal(bad.status, 400);
      assert.equal(((await bad.json()) as { __type: string }).__type, 'SerializationException');
      const unknown = await post(
        { 'x-amz-target': 'StarlingDoveService.DeleteEverything', authorization: scope('config', 'ap-northeast-2') },
        '{}',
      );
      assert.equal(((await unknown.json()) as { __type: string }).__type, 'UnknownOperationException');
      const unroutable = await post({ 'x-amz-target': 'Nope_2020.Op' }, '{}');
      assert.equal(unroutable.status, 400);
    });

    it('answers a region the account does not have, and malformed XML, with errors rather than crashes', async () => {
      const unknownRegion = await post(
        { 'x-amz-target': 'StarlingDoveService.DescribeConfigRules', authorization: scope('config', 'xx-nowhere-1') },
        '{}',
      );
      assert.equal(unknownRegion.status, 400);
      const xml = await fetch(`${h.emulator.endpoint}/transcribe-results?tagging=`, {
        method: 'PUT',
        headers: { authorization: scope('s3', 'ap-northeast-2') },
        body: '<Tagging><TagSet><Tag><Key>a',
      });
      assert.equal(xml.status, 400);
      assert.match(await xml.text(), /<Code>MalformedXML<\/Code>/);
    });

    it('refuses an oversized body instead of buffering it', async () => {
      const big = await post(
        { 'x-amz-target': 'StarlingDoveService.DescribeConfigRules', authorization: scope('config', 'ap-northeast-2') },
        'x'.repeat(2 * 1024 * 1024),
      );
      assert.equal(big.status, 413);
    });

    it('round-trips tag values with XML special characters', async () => {
      const s3 = new S3Client(h.s3('ap-northeast-2'));
      const TagSet = [
        { Key: 'Service', Value: 'a<b>&"c"' },
        { Key: 'Empty', Value: '' },
      ];
      await s3.send(new PutBucketTaggingCommand({ Bucket: 'transcribe-results', Tagging: { TagSet } }));
      assert.deepEqual((await s3.send(new GetBucketTaggingCommand({ Bucket: 'transcribe-results' }))).TagSet, TagSet);
    });
  });
});
