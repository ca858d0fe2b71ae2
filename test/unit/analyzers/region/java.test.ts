import * as assert from 'node:assert/strict';
import { createJavaRegionAnalyzer } from '../../../../src/analyzers/region/region-analyzer';
import { analyze, applyEdits, fixTitled } from './helpers';
import { explained } from '../../helpers/finding-text';

const analyzer = createJavaRegionAnalyzer();

function program(fields: string, body: string): string {
  return `import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.*;

public class Buckets {
${fields}
  void make() {
${body}
  }
}
`;
}

const V2_REQUEST = (constraint: string) =>
  `CreateBucketRequest.builder().bucket("b").createBucketConfiguration(CreateBucketConfiguration.builder().locationConstraint(${constraint}).build()).build()`;

describe('region analyzer: Java (AWS SDK for Java 2.x and 1.x)', () => {
  it("2.x: a us-east-1 client with another region's constraint goes to the global endpoint and is likely unseen by Config", async () => {
    const text = program(
      '  private final S3Client s3 = S3Client.builder().region(Region.US_EAST_1).build();',
      `    s3.createBucket(${V2_REQUEST('BucketLocationConstraint.AP_NORTHEAST_2')});`,
    );
    const [finding, ...rest] = await analyze(analyzer, 'Buckets.java', text);
    assert.equal(rest.length, 0);
    assert.equal(finding!.rule, 'tagsight.region-mismatch');
    assert.equal(finding!.severity, 'warning');
    assert.equal(finding!.properties!.tool, 'java-v2');
    assert.match(explained(finding!), /global endpoint s3\.amazonaws\.com \(us-east-1\)/);
    const fixed = applyEdits(text, fixTitled(finding, "Set the client's region"));
    assert.match(fixed, /\.region\(Region\.AP_NORTHEAST_2\)/);
    assert.deepEqual(await analyze(analyzer, 'Buckets.java', fixed), []);
  });

  it('2.x fills a missing constraint from the client region: no finding; a different one fails', async () => {
    const fields = '  private final S3Client s3 = S3Client.builder().region(Region.of("eu-west-1")).build();';
    assert.deepEqual(
      await analyze(analyzer, 'B.java', program(fields, '    s3.createBucket(CreateBucketRequest.builder().bucket("b").build());')),
      [],
    );
    assert.deepEqual(await analyze(analyzer, 'B.java', program(fields, '    s3.createBucket(b -> b.bucket("x"));')), []);
    const [finding] = await analyze(
      analyzer,
      'B.java',
      program(fields, '    s3.createBucket(b -> b.bucket("x").createBucketConfiguration(c -> c.locationConstraint("eu-central-1")));'),
    );
    assert.equal(finding!.severity, 'error');
    assert.match(finding!.message, /IllegalLocationConstraintException/);
    assert.equal(finding!.properties!.locationConstraint, 'eu-central-1');
  });

  it('2.x: an explicit us-east-1 constraint fails; the interceptor leaves it as written', async () => {
    const fields = '  private final S3Client s3 = S3Client.builder().region(Region.US_EAST_1).build();';
    const [finding] = await analyze(
      analyzer,
      'B.java',
      program(fields, `    s3.createBucket(${V2_REQUEST('BucketLocationConstraint.US_EAST_1')});`),
    );
    assert.equal(finding!.rule, 'tagsight.invalid-location-constraint');
  });

  it("1.x: createBucket(name) sends the client's region; createBucket(name, region) the one written", async () => {
    const fields = '  private final AmazonS3 s3 = AmazonS3ClientBuilder.standard().withRegion(Regions.US_EAST_1).build();';
    assert.deepEqual(await analyze(analyzer, 'B.java', program(fields, '    s3.createBucket("b");')), []);
    const [finding] = await analyze(analyzer, 'B.java', program(fields, '    s3.createBucket(new CreateBucketRequest("b", "eu-west-1"));'));
    assert.equal(finding!.properties!.tool, 'java-v1');
    assert.equal(finding!.severity, 'warning');
    assert.match(explained(finding!), /likely: Java SDK 1\.x offers the regional endpoint only as an opt-in/);
    const [second] = await analyze(
      analyzer,
      'B.java',
      program(fields.replace('Regions.US_EAST_1', '"eu-west-1"'), '    s3.createBucket("b", "eu-central-1");'),
    );
    assert.equal(second!.severity, 'error');
    const fixed = applyEdits(
      program(fields.replace('Regions.US_EAST_1', '"eu-west-1"'), '    s3.createBucket("b", "eu-central-1");'),
      fixTitled(second, "Set the client's region"),
    );
    assert.match(fixed, /withRegion\("eu-central-1"\)/);
  });

  it('unknown clients and constraints give nothing', async () => {
    const cases = [
      // Region from the environment or profile: not modelled for Java.
      program('  private final S3Client s3 = S3Client.create();', `    s3.createBucket(${V2_REQUEST('"eu-west-1"')});`),
      program('  private final S3Client s3 = S3Client.builder().build();', '    s3.createBucket(b -> b.bucket("x"));'),
      program(
        '  private final S3Client s3 = S3Client.builder().region(Region.US_EAST_1).crossRegionAccessEnabled(true).build();',
        `    s3.createBucket(${V2_REQUEST('"eu-west-1"')});`,
      ),
      program(
        '  private final S3Client s3 = S3Client.builder().region(region()).build();',
        `    s3.createBucket(${V2_REQUEST('"eu-west-1"')});`,
      ),
      program(
        '  private final S3Client s3 = S3Client.builder().region(Region.US_EAST_1).build();',
        `    s3.createBucket(${V2_REQUEST('pick()')});`,
      ),
      program('  private final S3Client s3 = S3Client.builder().region(Region.US_EAST_1).build();', '    s3.createBucket(request);'),
      program(
        '  private final AmazonS3 s3 = AmazonS3ClientBuilder.standard().withRegion(Regions.US_EAST_1).enableForceGlobalBucketAccess().build();',
        '    s3.createBucket("b", "eu-west-1");',
      ),
      program('  private final AmazonS3 s3 = AmazonS3ClientBuilder.defaultClient();', '    s3.createBucket("b");'),
      // Assigned again elsewhere.
      program(
        '  private S3Client s3 = S3Client.builder().region(Region.US_EAST_1).build();\n  void set(S3Client c) { this.s3 = c; }',
        `    s3.createBucket(${V2_REQUEST('"eu-west-1"')});`,
      ),
      // A parameter.
      program('', '').replace('void make() {', `void make(S3Client s3) {\n    s3.createBucket(${V2_REQUEST('"eu-west-1"')});`),
    ];
    for (const text of cases) assert.deepEqual(await analyze(analyzer, 'B.java', text), [], text);
  });

  it('a local variable bound once is followed; a malformed file does not crash', async () => {
    const text = program(
      '',
      `    S3Client client = S3Client.builder().region(Region.EU_WEST_1).build();\n    var request = ${V2_REQUEST('BucketLocationConstraint.EU_CENTRAL_1')};\n    client.createBucket(request);`,
    );
    const [finding] = await analyze(analyzer, 'B.java', text);
    assert.equal(finding!.properties!.clientRegion, 'eu-west-1');
    assert.deepEqual(await analyze(analyzer, 'B.java', 'class A { void m() { s3.createBucket(CreateBucketRequest.builder('), []);
  });
});
