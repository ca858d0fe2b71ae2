import * as assert from 'node:assert/strict';
import { DescribeComplianceByResourceCommand } from '@aws-sdk/client-config-service';
import { PutBucketTaggingCommand } from '@aws-sdk/client-s3';
import { AwsClientFactory } from '../../../../src/aws/clients';
import { RuleReevaluator } from '../../../../src/aws/config-inventory-reevaluation';
import { isBucketDiscovered } from '../../helpers/config-discovery';
import { scanBlindSpots } from '../../../../src/aws/s3-blind-spot-scan';
import { readBucketTags } from '../../../../src/aws/s3-tagging';
import { MemoryLogger } from '../../helpers/memory-logger';
import type { RequiredTag, TagSet } from '../../../../src/core/tag-policy';
import { startEmulator, type FaultKind, type RunningEmulator, type Scenario } from '../../../../src/emulator';
import { incidentScenario } from '../../../../src/emulator/scenarios/incident';
import type { Prompter, WritePreview } from '../../../../src/app/tagging/prompter';
import { addMissingTags, type RunWithProgress, type TagTarget } from '../../../../src/app/tagging/add-missing-tags';
import { waitFor } from '../../../support/wait-for';

/**
 * The live tagging path over real SDK v3 clients and HTTP against the emulator: the incident fixed end to end,
 * ABAC buckets, and faults on every call of the path never leaving a bucket with fewer tags than before.
 */
const requirement: RequiredTag = {
  key: 'Service',
  resourceTypes: ['AWS::S3::Bucket'],
  source: { kind: 'config-rule', name: 'required-tags (ap-northeast-2)' },
};
const HOME = 'ap-northeast-2';

function scenario(): Scenario {
  const base = incidentScenario(new Date());
  return {
    ...base,
    buckets: [
      ...(base.buckets ?? []),
      { name: 'abac-bucket', region: HOME, abac: true, tags: { Owner: 'sec', 'aws:cloudformation:stack-name': 'abac' }, discovered: false },
      {
        name: 'tagged-bucket',
        region: HOME,
        tags: { Owner: 'rnd', Team: 'speech', 'aws:cloudformation:logical-id': 'Bucket' },
        discovered: false,
      },
    ],
  };
}

class ScriptedPrompter implements Prompter {
  readonly log: string[] = [];
  previews: WritePreview[] = [];
  /** Whether a progress indicator was open at each question or message: never should one be. */
  readonly askedDuringProgress: string[] = [];
  progressOpen = false;
  constructor(
    private readonly script: {
      value?: string;
      confirm?: boolean;
      managed?: 'open-definition' | 'write-anyway';
      beforeConfirm?: () => Promise<void>;
    } = {},
  ) {}
  private asked(what: string) {
    if (this.progressOpen) this.askedDuringProgress.push(what);
  }
  async askValue(question: { key: string; validate(v: string): string | undefined }) {
    const value = this.script.value ?? 'transcribe';
    assert.equal(question.validate(value), undefined);
    this.asked(`ask ${question.key}`);
    this.log.push(`ask ${question.key}`);
    return value;
  }
  async chooseWhenManaged() {
    this.asked('managed');
    this.log.push('managed');
    return this.script.managed ?? 'write-anyway';
  }
  async confirmWrite(preview: WritePreview) {
    this.asked('confirm');
    this.previews.push(preview);
    await this.script.beforeConfirm?.();
    return this.script.confirm ?? true;
  }
  async showChangedSincePreview() {
    this.asked('changed-since-preview');
    this.log.push('changed-since-preview');
  }
  async offerReevaluation() {
    this.asked('offer re-evaluation');
    this.log.push('offer re-evaluation');
    return true;
  }
  info(message: string) {
    this.asked(`info ${message}`);
    this.log.push(`info ${message}`);
  }
  warn(message: string) {
    this.asked(`warn ${message}`);
    this.log.push(`warn ${message}`);
  }
  error(message: string) {
    this.asked(`error ${message}`);
    this.log.push(`error ${message}`);
  }
}

describe('live tagging against the emulator', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let factory: AwsClientFactory;

  beforeEach(async () => {
    emulator = await startEmulator({ scenario: scenario() });
    factory = new AwsClientFactory(
      { endpointUrl: emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } },
      // One attempt and a short timeout: each injected fault surfaces at once instead of being retried away.
      { version: 'test', maxAttempts: 1, requestTimeoutMs: 1_000 },
    );
  });
  afterEach(async () => {
    factory.destroy();
    await emulator.close();
  });

  let logger: MemoryLogger;
  beforeEach(() => {
    logger = new MemoryLogger();
  });
  const deps = (prompter: Prompter, signal?: AbortSignal) => ({
    clients: {
      s3: (region: string) => factory.s3(region),
      config: (region: string) => factory.config(region),
      tagging: (region: string) => factory.tagging(region),
      s3Control: (region: string) => factory.s3Control(region),
    },
    signal,
    prompter,
    readOnly: () => false,
    logger,
    reevaluator: new RuleReevaluator(),
    accountId: async () => emulator.accountId,
  });
  const target = (bucket: string, blindSpot = false): TagTarget => ({
    kind: 's3-bucket',
    bucket,
    region: HOME,
    requirements: [requirement],
    ruleNames: ['required-tags'],
    blindSpot,
  });

  it('replays the incident: blind spot found, Service added through ap-northeast-2, rule turns compliant', async () => {
    const report = await scanBlindSpots(factory, {
      regions: ['us-east-1', HOME],
      notRecording: new Map([['us-east-1', 'no-recorder']]),
      rules: [{ region: HOME, ruleNames: ['required-tags'], requirements: [requirement] }],
      now: new Date(),
    });
    const spot = report.blindSpots.find((b) => b.bucket === 'rnd-transcribe-test');
    assert.ok(spot, 'rnd-transcribe-test is a blind spot');
    assert.equal(spot.creation?.event.endpointRegion, 'us-east-1');
    assert.deepEqual(spot.prediction.missing, ['Service']);

    emulator.resetCalls();
    const prompter = new ScriptedPrompter();
    const written: TagSet[] = [];
    const result = await addMissingTags(target('rnd-transcribe-test', true), {
      ...deps(prompter),
      accountLabel: () => `account ${emulator.accountId} (demo account)`,
      onWritten: (_target, verified) => written.push(verified),
    });
    assert.equal(result.kind, 'written', prompter.log.join('\n'));
    assert.deepEqual(prompter.previews[0]!.plan.after, { Service: 'transcribe' });
    assert.equal(
      prompter.previews[0]!.account,
      `account ${emulator.accountId} (demo account)`,
      'the confirmation names where the write goes',
    );
    const puts = emulator.calls().filter((c) => c.operation === 'PutBucketTagging');
    assert.deepEqual(
      puts.map((c) => c.region),
      [HOME],
      'the write goes through the home region',
    );
    assert.deepEqual(written, [{ Service: 'transcribe' }], 'the verified tags are handed on for the blind spot');

    // Config has not discovered the bucket: no re-evaluation, but what is likely to happen instead.
    assert.ok(!prompter.log.includes('offer re-evaluation'), 'a blind spot is not offered a re-evaluation');
    assert.ok(!emulator.calls().some((c) => c.operation === 'StartConfigRulesEvaluation'));
    assert.ok(result.kind === 'written' && result.reevaluation === undefined);
    const followUp = prompter.log.find((line) => line.startsWith('info Added Service=transcribe'));
    // One sentence on screen; what is likely next, and why, in the log.
    assert.match(
      followUp ?? '',
      /^info Added Service=transcribe to bucket rnd-transcribe-test in ap-northeast-2 \(verified\); it stays a blind spot until Config in ap-northeast-2 likely discovers it \(see the log\)\.$/,
    );
    assert.ok(
      logger.records.some((record) => /Config's recorder in ap-northeast-2 is likely to pick it up/.test(String(record.message))),
      'the follow-up is in the log',
    );
    assert.doesNotMatch(followUp ?? '', /re-evaluate [^y]/, 'nothing to re-evaluate is offered');

    // The home-region write is an event the ap-northeast-2 recorder sees: discovered, then compliant.
    const config = factory.config(HOME);
    await waitFor(() => isBucketDiscovered(config, 'rnd-transcribe-test'), { message: 'Config to discover the bucket', onError: 'fail' });
    await waitFor(
      async () => {
        const answer = await config.send(
          new DescribeComplianceByResourceCommand({ ResourceType: 'AWS::S3::Bucket', ResourceId: 'rnd-transcribe-test' }),
        );
        return answer.ComplianceByResources?.[0]?.Compliance?.ComplianceType === 'COMPLIANT';
      },
      { message: 'the rule to report COMPLIANT', onError: 'fail' },
    );
  });

  it('keeps every existing tag, aws: system tags included', async () => {
    const result = await addMissingTags(target('tagged-bucket'), deps(new ScriptedPrompter()));
    assert.equal(result.kind, 'written');
    assert.deepEqual(await readBucketTags(factory.s3(HOME), 'tagged-bucket'), {
      Owner: 'rnd',
      Team: 'speech',
      'aws:cloudformation:logical-id': 'Bucket',
      Service: 'transcribe',
    });
  });

  it('offers re-evaluation for a bucket Config has recorded, and starts it when accepted', async () => {
    const prompter = new ScriptedPrompter();
    const result = await addMissingTags(target('tagged-bucket'), deps(prompter));
    assert.ok(result.kind === 'written' && result.reevaluation?.kind === 'started', prompter.log.join('\n'));
    assert.ok(prompter.log.includes('offer re-evaluation'));
    assert.ok(emulator.calls().some((c) => c.operation === 'StartConfigRulesEvaluation' && c.region === HOME));
  });

  it('logs every write: resource, region, the keys and values added, and what reading back showed', async () => {
    await addMissingTags(target('tagged-bucket'), deps(new ScriptedPrompter()));
    const lines = logger.records.map((record) => record.message);
    assert.ok(
      lines.includes(
        "Writing tags to bucket tagged-bucket in ap-northeast-2 with PutBucketTagging through ap-northeast-2, the bucket's home region: Service=transcribe",
      ),
      lines.join('\n'),
    );
    assert.ok(
      lines.includes('Tag write on bucket tagged-bucket in ap-northeast-2: wrote added Service (4 tags in all); read back and verified'),
      lines.join('\n'),
    );

    emulator.faults.add({ kind: 'access-denied', operation: 'PutBucketTagging', region: HOME });
    await addMissingTags(target('rnd-transcribe-test'), deps(new ScriptedPrompter()));
    assert.ok(
      logger.records.some(
        (record) =>
          record.level === 'warn' && /^Tag write on bucket rnd-transcribe-test in ap-northeast-2 failed: .*access/i.test(record.message),
      ),
      logger.records.map((record) => record.message).join('\n'),
    );
  });

  it('shows progress around the AWS calls only: no question or follow-up waits inside it', async () => {
    const prompter = new ScriptedPrompter();
    const steps: string[] = [];
    const progress: RunWithProgress = async (title, work) => {
      steps.push(title);
      prompter.progressOpen = true;
      try {
        return await work(undefined);
      } finally {
        prompter.progressOpen = false;
      }
    };
    const result = await addMissingTags(target('tagged-bucket'), { ...deps(prompter), progress });
    assert.equal(result.kind, 'written', prompter.log.join('\n'));
    assert.deepEqual(steps, [
      'reading the tags of bucket tagged-bucket in ap-northeast-2',
      'writing tags to bucket tagged-bucket in ap-northeast-2',
      'asking Config in ap-northeast-2 to re-evaluate',
    ]);
    assert.deepEqual(prompter.askedDuringProgress, []);
    assert.ok(prompter.log.includes('offer re-evaluation'), 'the offer came, outside any progress');
  });

  it('tags an ABAC bucket through S3 Control, chosen up front by GetBucketAbac', async () => {
    const prompter = new ScriptedPrompter();
    const result = await addMissingTags(target('abac-bucket'), deps(prompter));
    assert.equal(result.kind, 'written');
    assert.match(prompter.previews[0]!.how, /S3 Control TagResource in ap-northeast-2 \(ABAC bucket\)/);
    const operations = emulator
      .calls()
      .filter((c) => c.region === HOME)
      .map((c) => c.operation);
    assert.ok(operations.includes('GetBucketAbac'));
    assert.ok(!operations.includes('PutBucketTagging'), 'no refused PutBucketTagging first: GetBucketAbac said Enabled');
    assert.ok(operations.includes('TagResource'));
    assert.deepEqual(await readBucketTags(factory.s3(HOME), 'abac-bucket'), {
      Owner: 'sec',
      'aws:cloudformation:stack-name': 'abac',
      Service: 'transcribe',
    });
  });

  it('stops without writing when the tags change between preview and write', async () => {
    const prompter = new ScriptedPrompter({
      beforeConfirm: async () => {
        await factory.s3(HOME).send(
          new PutBucketTaggingCommand({
            Bucket: 'tagged-bucket',
            Tagging: {
              TagSet: [
                { Key: 'Owner', Value: 'rnd' },
                { Key: 'Team', Value: 'speech' },
                { Key: 'aws:cloudformation:logical-id', Value: 'Bucket' },
                { Key: 'CostCenter', Value: '42' },
              ],
            },
          }),
        );
      },
    });
    const result = await addMissingTags(target('tagged-bucket'), deps(prompter));
    assert.equal(result.kind, 'changed-since-preview');
    assert.ok(prompter.log.includes('changed-since-preview'));
    const tags = await readBucketTags(factory.s3(HOME), 'tagged-bucket');
    assert.equal(tags.CostCenter, '42');
    assert.equal(tags.Service, undefined);
  });

  it('offers the Terraform definition of a managed bucket instead of a live write', async () => {
    const opened: string[] = [];
    const prompter = new ScriptedPrompter({ managed: 'open-definition' });
    const result = await addMissingTags(target('tagged-bucket'), {
      ...deps(prompter),
      iacFiles: async () => [{ path: 'infra/main.tf', text: 'resource "aws_s3_bucket" "b" {\n  bucket = "tagged-bucket"\n}\n' }],
      openDefinition: async (location) => {
        opened.push(`${location.path}:${location.line}`);
      },
    });
    assert.equal(result.kind, 'opened-definition');
    assert.deepEqual(opened, ['infra/main.tf:1']);
    assert.equal(prompter.previews.length, 0, 'no write was offered');
    assert.equal((await readBucketTags(factory.s3(HOME), 'tagged-bucket')).Service, undefined);
  });

  it('tags other resource types with TagResources in their region', async () => {
    const arn = `arn:aws:ec2:${HOME}:${emulator.accountId}:instance/i-0f9e8d7c6b5a40312`;
    const instanceTarget: TagTarget = {
      kind: 'resource',
      arn,
      resourceType: 'AWS::EC2::Instance',
      resourceId: 'i-0f9e8d7c6b5a40312',
      region: HOME,
      requirements: [{ ...requirement, resourceTypes: ['AWS::EC2::Instance'] }],
      ruleNames: ['required-tags'],
    };
    const result = await addMissingTags(instanceTarget, deps(new ScriptedPrompter()));
    assert.equal(result.kind, 'written');
    assert.ok(result.kind === 'written' && result.verified.Name === 'scratch-box' && result.verified.Service === 'transcribe');
    assert.ok(emulator.calls().some((c) => c.operation === 'TagResources' && c.region === HOME));
  });

  it('never writes without confirmation, nor in read-only mode', async () => {
    assert.equal((await addMissingTags(target('tagged-bucket'), deps(new ScriptedPrompter({ confirm: false })))).kind, 'cancelled');
    assert.equal(
      (await addMissingTags(target('tagged-bucket'), { ...deps(new ScriptedPrompter()), readOnly: () => true })).kind,
      'read-only',
    );
    assert.ok(!emulator.calls().some((c) => c.operation === 'PutBucketTagging'));
  });

  const KINDS: FaultKind[] = ['throttle', 'server-error', 'timeout', 'access-denied'];
  // Every call of the tagging path: the plain bucket's read and write, and the ABAC bucket's S3 Control ones.
  const PATHS = [
    { bucket: 'tagged-bucket', operation: 'GetBucketTagging' },
    { bucket: 'tagged-bucket', operation: 'PutBucketTagging' },
    { bucket: 'abac-bucket', operation: 'ListTagsForResource' },
    { bucket: 'abac-bucket', operation: 'TagResource' },
  ];
  for (const { bucket, operation } of PATHS) {
    for (const kind of KINDS) {
      for (const times of [1, undefined]) {
        it(`leaves ${bucket} no fewer tags with ${kind} on ${times === 1 ? 'the first' : 'every'} ${operation}`, async () => {
          const s3 = factory.s3(HOME);
          const before: TagSet = await readBucketTags(s3, bucket);
          emulator.faults.add({ kind, operation, region: HOME, ...(times === 1 ? { times } : {}) });
          const prompter = new ScriptedPrompter();
          // The flow's own signal bounds a hung call, as the command's Cancel button does.
          const result = await addMissingTags(target(bucket), deps(prompter, AbortSignal.timeout(3_000)));
          emulator.faults.clear();
          const after = await readBucketTags(s3, bucket);
          for (const [key, value] of Object.entries(before)) assert.equal(after[key], value, `${key} kept (${result.kind})`);
          if (result.kind === 'failed')
            assert.ok(
              prompter.log.some((line) => line.startsWith('error ')),
              'the user is told',
            );
          else if (result.kind === 'written') assert.equal(after.Service, 'transcribe');
          else assert.equal(result.kind, 'cancelled');
        });
      }
    }
  }
});
