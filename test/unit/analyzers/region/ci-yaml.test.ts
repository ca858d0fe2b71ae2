import * as assert from 'node:assert/strict';
import type { CodeFinding } from '../../../../src/core/code-finding';
import { looksLikeCiYaml } from '../../../../src/analyzers/region/ci-yaml';
import { createCiYamlRegionAnalyzer } from '../../../../src/analyzers/region/region-analyzer';
import { analyze, applyEdits, context, fixTitled } from './helpers';

const yaml = createCiYamlRegionAnalyzer();
/** CI steps run with the CI's environment: the developer's configured region must never be used for them. */
const developer = context({ configuredRegion: () => ({ region: 'us-east-1', source: 'x' }) });

const buckets = (findings: readonly CodeFinding[]) => findings.map((f) => [f.resource, f.range.start.line]);

describe('region analyzer: CircleCI, Azure Pipelines and Bitbucket Pipelines', () => {
  it('knows the files by path', () => {
    for (const file of [
      '.circleci/config.yml',
      'repo/.circleci/config.yaml',
      'azure-pipelines.yml',
      'ci/azure-pipelines-release.yaml',
      '.azure-pipelines/build.yml',
      'bitbucket-pipelines.yml',
    ]) {
      assert.ok(looksLikeCiYaml(file), file);
    }
    for (const file of ['config.yml', '.circleci/orb.yml', 'pipelines.yml', 'docs/bitbucket.yml', 'azure/templates/steps.yml']) {
      assert.ok(!looksLikeCiYaml(file), file);
    }
  });

  it("CircleCI run: steps, a string or a map's command, with job and step environment; an AWS orb step makes the region unknown", async () => {
    const text = `version: 2.1
jobs:
  deploy:
    docker:
      - image: cimg/base:stable
    environment:
      AWS_DEFAULT_REGION: us-east-1
    steps:
      - checkout
      - run: aws s3api create-bucket --bucket a --create-bucket-configuration LocationConstraint=eu-west-1
      - run:
          name: more buckets
          command: |
            aws s3 mb s3://b --region eu-west-1
            aws s3api create-bucket --bucket c --create-bucket-configuration LocationConstraint=eu-west-2
          environment:
            AWS_DEFAULT_REGION: eu-west-2
      - aws-cli/setup
      - run: aws s3api create-bucket --bucket d --create-bucket-configuration LocationConstraint=eu-west-1
`;
    const findings = await analyze(yaml, '.circleci/config.yml', text, developer);
    assert.deepEqual(buckets(findings), [['aws s3api create-bucket', 9]], 'only bucket a: b and c are fine, d follows the orb');
    assert.equal(findings[0]!.properties!.regionSource, '`AWS_DEFAULT_REGION` in the `environment:` of this file');
    const fixed = applyEdits(text, fixTitled(findings[0], "Set the client's region"));
    assert.match(fixed, /- run: aws s3api create-bucket --region eu-west-1 --bucket a/);
    assert.deepEqual(await analyze(yaml, '.circleci/config.yml', fixed, developer), []);
  });

  it('Azure Pipelines script: and bash: steps with list-form variables; ##vso[task.setvariable] makes the region unknown', async () => {
    const text = `trigger: [main]
variables:
  - name: AWS_REGION
    value: us-east-1
pool:
  vmImage: ubuntu-latest
steps:
  - script: aws s3api create-bucket --bucket a --create-bucket-configuration LocationConstraint=eu-west-1
    displayName: first
  - bash: |
      echo "##vso[task.setvariable variable=AWS_REGION]eu-west-1"
  - bash: aws s3api create-bucket --bucket b --create-bucket-configuration LocationConstraint=eu-west-1
  - pwsh: aws s3api create-bucket --bucket c --region us-east-1 --create-bucket-configuration LocationConstraint=eu-west-1
  - bash: aws s3api create-bucket --bucket d --region eu-central-1
    env:
      AWS_REGION: us-east-1
`;
    const findings = await analyze(yaml, 'azure-pipelines.yml', text, developer);
    assert.deepEqual(
      findings.map((f) => [f.range.start.line, f.properties!.regionSource]),
      [
        [7, '`AWS_REGION` in the `variables:` of this file'],
        [13, '--region'],
      ],
    );
  });

  it('Azure Pipelines: a variable group may set the region, so nothing is judged without --region', async () => {
    const text = `variables:\n  - group: aws-settings\n  - name: BUCKET\n    value: logs\nsteps:\n  - script: aws s3api create-bucket --bucket a --create-bucket-configuration LocationConstraint=eu-west-1\n`;
    assert.deepEqual(await analyze(yaml, 'azure-pipelines.yml', text, developer), []);
    const mapped = `variables:\n  AWS_REGION: $(region)\nsteps:\n  - script: aws s3api create-bucket --bucket a --create-bucket-configuration LocationConstraint=eu-west-1\n`;
    assert.deepEqual(await analyze(yaml, 'azure-pipelines.yml', mapped, developer), []);
  });

  it('Bitbucket script: lists run in one shell, so an export holds for later items; after-script: is its own shell', async () => {
    const text = `image: amazon/aws-cli
pipelines:
  default:
    - step:
        name: buckets
        script:
          - export AWS_DEFAULT_REGION=us-east-1
          - aws s3api create-bucket --bucket a --create-bucket-configuration LocationConstraint=eu-west-1
        after-script:
          - aws s3api create-bucket --bucket b --create-bucket-configuration LocationConstraint=eu-west-1
          - aws s3api create-bucket --bucket c --region eu-west-1
`;
    const findings = await analyze(yaml, 'bitbucket-pipelines.yml', text, developer);
    assert.deepEqual(
      findings.map((f) => [f.range.start.line, f.properties!.regionSource, f.severity]),
      [
        [7, '`AWS_DEFAULT_REGION` set in this file', 'warning'],
        [10, '--region', 'error'],
      ],
    );
  });

  it('GitLab: one shell per list, and the `value:` form of a variable', async () => {
    const text = `variables:
  AWS_REGION:
    value: us-east-1
    description: where buckets go
build:
  script:
    - aws s3api create-bucket --bucket a --create-bucket-configuration LocationConstraint=eu-west-1
    - export AWS_REGION=eu-west-1
    - aws s3api create-bucket --bucket b --create-bucket-configuration LocationConstraint=eu-west-1
`;
    const findings = await analyze(yaml, '.gitlab-ci.yml', text, developer);
    assert.deepEqual(
      findings.map((f) => [f.range.start.line, f.properties!.regionSource]),
      [[6, '`AWS_REGION` in the `variables:` of this file']],
    );
  });
});
