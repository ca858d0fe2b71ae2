import * as assert from 'node:assert/strict';
import {
  createCiYamlRegionAnalyzer,
  createMakefileRegionAnalyzer,
  createShellRegionAnalyzer,
} from '../../../../src/analyzers/region/region-analyzer';
import { parseBucketConfiguration } from '../../../../src/analyzers/region/shell';
import { analyze, applyEdits, context, fixTitled } from './helpers';

const shell = createShellRegionAnalyzer();

describe('region analyzer: shell, Makefiles and CI YAML', () => {
  it('s3api with --region us-east-1 and another constraint: unseen by Config; the fix changes --region', async () => {
    const text = `#!/bin/sh\naws s3api create-bucket --bucket b --region us-east-1 --create-bucket-configuration LocationConstraint=ap-northeast-2\n`;
    const [finding] = await analyze(shell, 'mk.sh', text);
    assert.equal(finding!.properties!.outcome, 'unseen-by-config');
    assert.equal(finding!.properties!.regionSource, '--region');
    assert.equal(finding!.properties!.tool, 'aws-cli-s3api');
    const fixed = applyEdits(text, fixTitled(finding, "Set the client's region"));
    assert.match(fixed, /--region ap-northeast-2 --create-bucket-configuration/);
    assert.deepEqual(await analyze(shell, 'mk.sh', fixed), []);
  });

  it('the JSON form of the configuration', async () => {
    const text = `aws s3api create-bucket --bucket b --region eu-west-1 --create-bucket-configuration '{"LocationConstraint":"eu-central-1"}'\n`;
    const [finding] = await analyze(shell, 'mk.sh', text);
    assert.equal(finding!.severity, 'error');
    assert.equal(finding!.properties!.locationConstraint, 'eu-central-1');
  });

  it('AWS_REGION on the line or exported earlier; variables assigned once', async () => {
    const onLine = `AWS_REGION=us-east-1 aws s3api create-bucket --bucket b --create-bucket-configuration LocationConstraint=eu-west-1\n`;
    const [lineFinding] = await analyze(shell, 'a.sh', onLine);
    assert.equal(lineFinding!.properties!.regionSource, '`AWS_REGION` set on the command line');
    const exported = `REGION=eu-west-1\nexport AWS_DEFAULT_REGION=us-east-1\naws s3api create-bucket --bucket b --create-bucket-configuration "LocationConstraint=$REGION"\n`;
    const [exportFinding] = await analyze(shell, 'a.sh', exported);
    assert.equal(exportFinding!.properties!.regionSource, '`AWS_DEFAULT_REGION` set in this file');
    assert.equal(exportFinding!.properties!.locationConstraint, 'eu-west-1');
  });

  it('aws s3 mb --region eu-west-1 is fine; us-east-1 without a constraint is fine', async () => {
    const cases = [
      'aws s3 mb s3://b --region eu-west-1\n',
      'aws s3api create-bucket --bucket b --region us-east-1\n',
      'aws s3api create-bucket --bucket b --region eu-west-1 --create-bucket-configuration LocationConstraint=eu-west-1\n',
    ];
    for (const text of cases)
      assert.deepEqual(
        await analyze(shell, 'a.sh', text, context({ configuredRegion: () => ({ region: 'us-east-1', source: 'x' }) })),
        [],
        text,
      );
  });

  it('s3api in a regional endpoint without a constraint fails; the fix adds one', async () => {
    const text = 'aws s3api create-bucket --bucket b --region eu-west-1\n';
    const [finding] = await analyze(shell, 'a.sh', text);
    assert.match(finding!.message, /IllegalLocationConstraintException/);
    const fixed = applyEdits(text, fixTitled(finding, 'Add LocationConstraint'));
    assert.equal(
      fixed,
      'aws s3api create-bucket --bucket b --region eu-west-1 --create-bucket-configuration LocationConstraint=eu-west-1\n',
    );
    assert.deepEqual(await analyze(shell, 'a.sh', fixed), []);
  });

  it('an explicit us-east-1 constraint: error; the fix removes the option', async () => {
    const text =
      'aws s3api create-bucket --bucket b --region us-east-1 --create-bucket-configuration LocationConstraint=us-east-1 --acl private\n';
    const [finding] = await analyze(shell, 'a.sh', text);
    assert.equal(finding!.rule, 'tagsight.invalid-location-constraint');
    const fixed = applyEdits(text, fixTitled(finding, 'Remove'));
    assert.equal(fixed, 'aws s3api create-bucket --bucket b --region us-east-1 --acl private\n');
  });

  it('unknown values are never reported', async () => {
    const cases = [
      'aws s3api create-bucket --bucket b --region "$1" --create-bucket-configuration LocationConstraint=eu-west-1\n',
      'for R in a b; do aws s3api create-bucket --bucket b --region $R --create-bucket-configuration LocationConstraint=eu-west-1; done\n',
      'R=us-east-1\nR=eu-west-1\naws s3api create-bucket --bucket b --region $R --create-bucket-configuration LocationConstraint=eu-west-1\n',
      'aws s3api create-bucket --bucket b --region us-east-1 --create-bucket-configuration file://cfg.json\n',
      'aws s3api create-bucket --bucket b --region us-east-1 --endpoint-url http://localhost:4566 --create-bucket-configuration LocationConstraint=eu-west-1\n',
      'aws s3api create-bucket --bucket b --create-bucket-configuration LocationConstraint=eu-west-1\n',
    ];
    for (const text of cases) assert.deepEqual(await analyze(shell, 'a.sh', text), [], text);
  });

  it("--profile uses the profile's region through the AWS CLI's lookup", async () => {
    const lookup = context({
      configuredRegion: (tool, p) => (tool === 'aws-cli' && p === 'prod' ? { region: 'us-east-1', source: 'profile "prod"' } : undefined),
    });
    const text =
      'aws s3 mb s3://b --profile prod\naws s3api create-bucket --bucket c --profile prod --create-bucket-configuration LocationConstraint=eu-west-2\n';
    const findings = await analyze(shell, 'a.sh', text, lookup);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.properties!.regionSource, 'profile "prod"');
    assert.deepEqual(
      await analyze(
        shell,
        'a.sh',
        'aws s3api create-bucket --bucket c --profile other --create-bucket-configuration LocationConstraint=eu-west-2\n',
        lookup,
      ),
      [],
    );
  });

  it('Makefile recipes with make variables', async () => {
    const makefile = createMakefileRegionAnalyzer();
    const text =
      'REGION := us-east-1\nBUCKET_REGION = ap-northeast-2\n\nbucket:\n\t@aws s3api create-bucket --bucket b --region $(REGION) \\\n\t  --create-bucket-configuration LocationConstraint=$(BUCKET_REGION)\n';
    const [finding] = await analyze(makefile, 'Makefile', text);
    assert.equal(finding!.properties!.outcome, 'unseen-by-config');
    assert.equal(finding!.range.start.line, 4);
    assert.equal(finding!.range.start.character, 2);
    assert.equal(finding!.properties!.regionSource, '--region from `REGION`');
  });

  it('GitHub Actions run: blocks, with env and positions in the YAML file', async () => {
    const yaml = createCiYamlRegionAnalyzer();
    const text = `name: infra
on: push
env:
  AWS_REGION: us-east-1
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - name: bucket
        run: |
          echo start
          aws s3api create-bucket --bucket b --create-bucket-configuration LocationConstraint=eu-west-1
      - run: aws s3 mb s3://c --region eu-west-1
`;
    const findings = await analyze(yaml, '.github/workflows/infra.yml', text);
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(finding!.range.start.line, 11);
    assert.equal(finding!.range.start.character, 10);
    assert.equal(finding!.properties!.regionSource, '`AWS_REGION` in the `env:` of this file');
    const fixed = applyEdits(text, fixTitled(finding, "Set the client's region"));
    assert.match(fixed, /aws s3api create-bucket --region eu-west-1 --bucket b/);
    assert.deepEqual(await analyze(yaml, '.github/workflows/infra.yml', fixed), []);
  });

  it("CI steps: configure-aws-credentials sets the region of later steps; the developer's region is never assumed", async () => {
    const yaml = createCiYamlRegionAnalyzer();
    const text = `jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: aws s3api create-bucket --bucket early --create-bucket-configuration LocationConstraint=eu-west-1
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-region: us-east-1
      - run: aws s3api create-bucket --bucket late --create-bucket-configuration LocationConstraint=eu-west-1
`;
    const findings = await analyze(
      yaml,
      '.github/workflows/deploy.yaml',
      text,
      context({ configuredRegion: () => ({ region: 'ap-south-1', source: '`AWS_REGION`' }) }),
    );
    assert.equal(findings.length, 1, 'only the step after configure-aws-credentials is judged');
    assert.equal(findings[0]!.range.start.line, 8);
    assert.equal(findings[0]!.properties!.regionSource, '`aws-region` of configure-aws-credentials in this file');
  });

  it('aws configure set region in the script makes the profile region unknown', async () => {
    const text =
      'aws configure set region eu-west-1\naws s3api create-bucket --bucket b --create-bucket-configuration LocationConstraint=eu-west-1\n';
    assert.deepEqual(await analyze(shell, 'a.sh', text, context({ configuredRegion: () => ({ region: 'us-east-1', source: 'x' }) })), []);
  });

  it('GitLab script lists', async () => {
    const yaml = createCiYamlRegionAnalyzer();
    const text = `variables:\n  AWS_DEFAULT_REGION: eu-west-1\nbuild:\n  script:\n    - "aws s3api create-bucket --bucket b"\n    - aws s3 mb s3://x\n`;
    const findings = await analyze(yaml, '.gitlab-ci.yml', text);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.properties!.tool, 'aws-cli-s3api');
    assert.equal(findings[0]!.range.start.line, 4);
    assert.equal(findings[0]!.range.start.character, 7);
  });

  it('parses the shorthand and JSON configuration forms', () => {
    assert.deepEqual(parseBucketConfiguration('LocationConstraint=eu-west-1'), {
      locationConstraint: 'eu-west-1',
      onlyLocationConstraint: true,
    });
    assert.deepEqual(parseBucketConfiguration('{"LocationConstraint": "EU", "Tags": []}'), {
      locationConstraint: 'EU',
      onlyLocationConstraint: false,
    });
    assert.equal(parseBucketConfiguration('file://x.json'), undefined);
    assert.equal(parseBucketConfiguration('{not json'), undefined);
  });

  it('does not throw on malformed input', async () => {
    assert.deepEqual(await analyze(shell, 'a.sh', 'aws s3api create-bucket --region "unterminated\nif then fi ((( \n'), []);
    assert.deepEqual(await analyze(createCiYamlRegionAnalyzer(), '.gitlab-ci.yml', 'script: [aws s3 mb\n  - : : {\n'), []);
  });
});
