import * as assert from 'node:assert/strict';
import { createCSharpRegionAnalyzer } from '../../../../src/analyzers/region/region-analyzer';
import { analyze, applyEdits, fixTitled } from './helpers';
import { explained } from '../../helpers/finding-text';

const analyzer = createCSharpRegionAnalyzer();

function program(fields: string, body: string): string {
  return `using Amazon;
using Amazon.S3;
using Amazon.S3.Model;

public class Buckets
{
${fields}
    public async Task Make()
    {
${body}
    }
}
`;
}

describe('region analyzer: C# (AWS SDK for .NET)', () => {
  it('a us-east-1 client with BucketRegionName goes to the global endpoint and is likely unseen by Config', async () => {
    const text = program(
      '    private readonly IAmazonS3 _s3 = new AmazonS3Client(RegionEndpoint.USEast1);',
      '        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = "b", BucketRegionName = "ap-northeast-2" });',
    );
    const [finding, ...rest] = await analyze(analyzer, 'Buckets.cs', text);
    assert.equal(rest.length, 0);
    assert.equal(finding!.rule, 'tagsight.region-mismatch');
    assert.equal(finding!.severity, 'warning');
    assert.equal(finding!.properties!.tool, 'dotnet');
    assert.match(explained(finding!), /global endpoint s3\.amazonaws\.com \(us-east-1\)/);
    const fixed = applyEdits(text, fixTitled(finding, "Set the client's region"));
    assert.match(fixed, /new AmazonS3Client\(RegionEndpoint\.APNortheast2\)/);
    assert.deepEqual(await analyze(analyzer, 'Buckets.cs', fixed), []);
  });

  it('the client region fills a missing constraint (UseClientRegion): no finding; a different region name fails', async () => {
    const fields =
      '    private readonly AmazonS3Client _s3 = new AmazonS3Client(new AmazonS3Config { RegionEndpoint = RegionEndpoint.GetBySystemName("eu-west-1") });';
    assert.deepEqual(await analyze(analyzer, 'B.cs', program(fields, '        await _s3.PutBucketAsync("b");')), []);
    assert.deepEqual(
      await analyze(analyzer, 'B.cs', program(fields, '        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = "b" });')),
      [],
    );
    const text = program(
      fields,
      '        var request = new PutBucketRequest { BucketName = "b", BucketRegion = S3Region.FindValue("eu-central-1") };\n        await _s3.PutBucketAsync(request);',
    );
    const [finding] = await analyze(analyzer, 'B.cs', text);
    assert.equal(finding!.severity, 'error');
    assert.match(finding!.message, /IllegalLocationConstraintException/);
    const fixed = applyEdits(text, fixTitled(finding, "Set the client's region"));
    assert.match(fixed, /GetBySystemName\("eu-central-1"\)/);
  });

  it('a client made with credentials and a region; a region launched after 2019 from us-east-1 fails', async () => {
    const text = program(
      '',
      '        var client = new AmazonS3Client(credentials, RegionEndpoint.USEast1);\n        client.PutBucket(new PutBucketRequest { BucketName = "b", BucketRegionName = "ap-east-1" });',
    );
    const [finding] = await analyze(analyzer, 'B.cs', text);
    assert.equal(finding!.severity, 'error');
    assert.match(explained(finding!), /launched after 20 March 2019/);
  });

  it('unknown clients and requests give nothing', async () => {
    const cases = [
      program(
        '    private readonly IAmazonS3 _s3;\n    public Buckets(IAmazonS3 s3) { _s3 = s3; }',
        '        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = "b", BucketRegionName = "eu-west-1" });',
      ),
      program(
        '    private readonly IAmazonS3 _s3 = new AmazonS3Client();',
        '        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = "b", BucketRegionName = "eu-west-1" });',
      ),
      program(
        '    private readonly IAmazonS3 _s3 = new AmazonS3Client(new AmazonS3Config { ServiceURL = "http://localhost:4566" });',
        '        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = "b", BucketRegionName = "eu-west-1" });',
      ),
      program(
        '    private readonly IAmazonS3 _s3 = new AmazonS3Client(RegionEndpoint.USEast1);',
        '        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = "b", BucketRegionName = Pick() });',
      ),
      program(
        '    private readonly IAmazonS3 _s3 = new AmazonS3Client(RegionEndpoint.USEast1);',
        '        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = "b", BucketRegion = S3Region.EUW1 });',
      ),
      program(
        '    private readonly IAmazonS3 _s3 = new AmazonS3Client(RegionEndpoint.EUWest1);',
        '        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = "b", UseClientRegion = false });',
      ),
      program(
        '    private readonly IAmazonS3 _s3 = new AmazonS3Client(RegionEndpoint.USEast1);',
        '        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = "b", BucketRegionName = "us-east-1" });',
      ),
      program(
        '    private readonly IAmazonS3 _s3 = new AmazonS3Client(RegionEndpoint.USEast1);',
        '        var r = new PutBucketRequest { BucketName = "b" };\n        r.BucketRegionName = "eu-west-1";\n        await _s3.PutBucketAsync(r);',
      ),
    ];
    for (const text of cases) assert.deepEqual(await analyze(analyzer, 'B.cs', text), [], text);
  });

  it('a malformed file does not crash', async () => {
    assert.deepEqual(await analyze(analyzer, 'B.cs', 'class A { void M() { _s3.PutBucketAsync(new PutBucketRequest { '), []);
  });
});
