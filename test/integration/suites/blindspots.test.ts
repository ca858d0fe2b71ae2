/**
 * The incident, replayed end to end in the real extension against the emulator: a bucket created through the
 * us-east-1 endpoint for ap-northeast-2 shows as a blind spot with its CloudTrail evidence and a predicted
 * non-compliance within one refresh; "Add Missing Tags…" (prompts answered by the test through the TagsightApi
 * hook, the command path itself real) writes Service through ap-northeast-2, and the blind spot is predicted
 * compliant at once; the recorder there picks the change up and the REQUIRED_TAGS rule turns compliant.
 */
import * as assert from 'node:assert/strict';
import { ConfigServiceClient, DescribeComplianceByResourceCommand } from '@aws-sdk/client-config-service';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { CreateBucketCommand, GetBucketTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import * as vscode from 'vscode';
import type { BlindSpot, BlindSpotReport } from '../../../src/core/blind-spot';
import type { ManagedChoice, Prompter, ValueQuestion, WritePreview } from '../../../src/app/tagging/prompter';
import { ENV } from '../protocol';
import { executeCommand, getApi, screenshot, waitFor } from '../helpers';

const HOME = 'ap-northeast-2';
const INCIDENT_BUCKET = 'rnd-transcribe-test';
const LIVE_BUCKET = 'rnd-transcribe-live';
const FINDINGS_ROW = (label: string) => `.sidebar .monaco-list-row[aria-label*="${label}"]`;

function endpoint(): string {
  const value = process.env[ENV.emulatorEndpoint];
  if (!value) throw new Error(`${ENV.emulatorEndpoint} is not set: the blindspots suite needs the incident scenario`);
  return value;
}

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

type Api = Awaited<ReturnType<typeof getApi>>;

/**
 * Answers every prompt of the command and keeps what it was shown; visible notes go to real toasts. Notes which
 * prompts came while the command's progress notification was up: a question or an offer waiting for the user
 * inside it would keep "adding missing tags" on screen for as long as the user leaves it.
 */
class AnsweringPrompter implements Prompter {
  readonly asked: ValueQuestion[] = [];
  readonly previews: WritePreview[] = [];
  readonly messages: string[] = [];
  readonly duringProgress: string[] = [];
  reevaluationOffered = false;
  managedAsked = false;
  /** Runs at each message, as the user would read it. */
  onMessage: (message: string) => void = () => {};
  constructor(private readonly api: Api) {}
  private prompted(what: string) {
    if (this.api.addMissingTags.progressShown) this.duringProgress.push(what);
  }
  async askValue(question: ValueQuestion) {
    this.prompted(`value of ${question.key}`);
    this.asked.push(question);
    const value = 'transcribe';
    assert.equal(question.validate(value), undefined, 'the answer passes the input validation');
    return value;
  }
  async chooseWhenManaged(): Promise<ManagedChoice> {
    this.prompted('managed');
    this.managedAsked = true;
    return 'write-anyway';
  }
  async confirmWrite(preview: WritePreview) {
    this.prompted('confirm');
    this.previews.push(preview);
    return true;
  }
  async showChangedSincePreview() {
    this.prompted('changed');
    this.messages.push('changed-since-preview');
  }
  async offerReevaluation() {
    this.prompted('re-evaluation offer');
    this.reevaluationOffered = true;
    return true;
  }
  info(message: string) {
    this.note(message);
    void vscode.window.showInformationMessage(message);
  }
  warn(message: string) {
    this.note(message);
    void vscode.window.showWarningMessage(message);
  }
  error(message: string) {
    this.note(message);
    void vscode.window.showErrorMessage(message);
  }
  private note(message: string) {
    this.prompted(message);
    this.messages.push(message);
    this.onMessage(message);
  }
}

/** Connects to the emulator (AWS_ENDPOINT_URL, dummy keys: the SDK's default chain) or refreshes: one scan. */
async function refreshed(): Promise<Api> {
  const api = await getApi();
  const session = api.account.session;
  if (session.connection?.kind !== 'default-chain') await session.connect({ kind: 'default-chain' });
  else await executeCommand('tagsight.refresh');
  await waitFor(() => session.state.kind === 'scanned' && session.scan(), { timeoutMs: 60_000, message: 'the account scan' });
  await api.blindSpots.settled();
  return api;
}

async function showFindings(): Promise<void> {
  await executeCommand('tagsight.findings.focus');
}

async function controlCalls(): Promise<Array<{ service: string; operation: string; region: string; count: number }>> {
  const response = await fetch(`${endpoint()}/_tagsight/calls`);
  return (await response.json()) as Array<{ service: string; operation: string; region: string; count: number }>;
}

export function register(): void {
  describe('Blind spots: the incident, end to end', function () {
    this.timeout(120_000);
    const s3East = () => new S3Client({ region: 'us-east-1', endpoint: endpoint(), forcePathStyle: true, credentials });

    it('shows a bucket created through us-east-1 as a blind spot with evidence, within one refresh', async () => {
      // A second bucket created the incident's way by this test, beside the scenario's replayed one.
      const client = s3East();
      await client.send(new CreateBucketCommand({ Bucket: LIVE_BUCKET, CreateBucketConfiguration: { LocationConstraint: HOME } }));
      client.destroy();

      const api = await refreshed();
      const report: BlindSpotReport | undefined = api.blindSpots.report;
      assert.ok(report, `one refresh reports the blind spots (state: ${api.blindSpots.state.kind})`);

      for (const bucket of [INCIDENT_BUCKET, LIVE_BUCKET]) {
        const spot: BlindSpot | undefined = report.blindSpots.find((candidate) => candidate.bucket === bucket);
        assert.ok(spot, `${bucket} is a blind spot`);
        assert.equal(spot.region, HOME);
        assert.equal(spot.creation?.event.endpointRegion, 'us-east-1', 'created through us-east-1');
        assert.equal(spot.creation?.flagged, true);
        assert.equal(spot.prediction.state, 'predicted-non-compliant');
        assert.deepEqual(spot.prediction.missing, ['Service']);
        assert.match(spot.whatFollows, /Config in ap-northeast-2 is likely to learn of it only at its periodic sweep/);
      }
      assert.match(report.blindSpots.find((s) => s.bucket === INCIDENT_BUCKET)!.creation!.event.userAgent ?? '', /Cyberduck/);
      assert.ok(
        report.unwatchedRegions.some((region) => region.region === 'us-east-1'),
        'us-east-1 is said to be unwatched',
      );

      // Every node command the menus offer on a blind spot: matched by the manifest's own `when` clauses.
      const tree = api.account.findingsTree;
      const spotNode = tree
        .getChildren()
        .flatMap((root) => tree.getChildren(root))
        .find((node) => (node as { blindSpot?: BlindSpot }).blindSpot?.bucket === INCIDENT_BUCKET);
      assert.ok(spotNode, 'the Findings view has a node for the incident bucket');
      const contextValue = tree.getTreeItem(spotNode).contextValue ?? '';
      const menus = vscode.extensions.getExtension('tagsight.tagsight')!.packageJSON.contributes.menus['view/item/context'] as Array<{
        command: string;
        when: string;
      }>;
      for (const command of ['tagsight.addMissingTags', 'tagsight.openDefinition', 'tagsight.copyArn', 'tagsight.openInConsole']) {
        const when = menus.find((item) => item.command === command)?.when ?? '';
        const pattern = /viewItem =~ \/(.+)\//.exec(when)?.[1];
        assert.ok(pattern && new RegExp(pattern).test(contextValue), `${command} is offered on a blind spot (${contextValue} vs ${when})`);
      }

      await showFindings();
      // A row that exists only once the check is shown: the incident bucket under "Blind spots". (Its evidence rows
      // sit lower and the list renders only the rows in view, so waiting for them depends on the window's height.)
      await screenshot('blindspots-1-found', { waitFor: FINDINGS_ROW(INCIDENT_BUCKET) });

      // VS Code asks for the group's item and for its children at different moments. A check that starts in
      // between (as after a scan at startup) must not leave a label over children of another state.
      const group = tree.getChildren().find((node) => (node as { kind?: string }).kind === 'group');
      assert.ok(group, 'the Findings view has the Blind spots group');
      const label = tree.getTreeItem(group).description;
      assert.equal(label, '2 not seen by Config');
      const session = api.account.session;
      const rechecked = api.blindSpots.refresh(session.clients()!, session.scan()!);
      assert.equal(api.blindSpots.state.kind, 'checking');
      const children = tree.getChildren(group).map((node) => (node as { resourceId?: string }).resourceId);
      assert.deepEqual(children.slice(0, 2).sort(), [LIVE_BUCKET, INCIDENT_BUCKET].sort(), 'the children of the group the label describes');
      assert.equal(tree.getTreeItem(group).description, label);
      await rechecked;
    });

    it('adds Service through the quick fix, writing through ap-northeast-2 and keeping every tag', async () => {
      const api = await getApi();
      const spot = api.blindSpots.report?.blindSpots.find((candidate) => candidate.bucket === INCIDENT_BUCKET) as BlindSpot;
      const prompter = new AnsweringPrompter(api);
      const predictionWhenToldOfWrite: string[] = [];
      prompter.onMessage = (message) => {
        if (!message.startsWith('Added')) return;
        const now = api.blindSpots.report?.blindSpots.find((candidate) => candidate.bucket === INCIDENT_BUCKET);
        predictionWhenToldOfWrite.push(now?.prediction.state ?? 'gone');
      };
      const scanBefore = api.account.session.scan();
      api.addMissingTags.setPrompterForTests(prompter);
      try {
        // Read-only first: the same command writes nothing.
        const settings = vscode.workspace.getConfiguration('tagsight');
        await settings.update('readOnly', true, vscode.ConfigurationTarget.Global);
        try {
          await executeCommand('tagsight.addMissingTags', { blindSpot: spot });
          assert.equal(api.addMissingTags.lastResult?.kind, 'read-only');
          assert.equal(prompter.previews.length, 0);
        } finally {
          await settings.update('readOnly', undefined, vscode.ConfigurationTarget.Global);
        }

        const callsBefore = (await controlCalls()).filter((call) => call.operation === 'PutBucketTagging');
        await executeCommand('tagsight.addMissingTags', { blindSpot: spot });
        const result = api.addMissingTags.lastResult;
        assert.equal(result?.kind, 'written', prompter.messages.join('\n'));
        assert.deepEqual(
          prompter.asked.map((question) => question.key),
          ['Service'],
        );
        assert.deepEqual(prompter.previews[0]?.plan.before, {});
        assert.deepEqual(prompter.previews[0]?.plan.after, { Service: 'transcribe' });
        assert.match(prompter.previews[0]?.how ?? '', /ap-northeast-2/);
        assert.equal(prompter.managedAsked, false, 'a bucket only named in a Terraform comment does not look managed');
        assert.deepEqual(prompter.duringProgress, [], 'no question or message while the progress notification is up');
        assert.equal(api.addMissingTags.progressShown, false);

        // Config has not discovered the bucket: nothing to re-evaluate, and the user is told what is likely instead.
        assert.equal(prompter.reevaluationOffered, false, 'no re-evaluation is offered for a blind spot');
        const told = prompter.messages.find((message) => message.startsWith('Added Service=transcribe')) ?? '';
        assert.match(told, /it stays a blind spot until Config in ap-northeast-2 likely discovers it/);

        // The blind spot now carries the tags written: predicted compliant, still not discovered, and already so
        // when the user is told of the write; no new scan was needed.
        assert.deepEqual(predictionWhenToldOfWrite, ['predicted-compliant']);
        const fixed = api.blindSpots.report?.blindSpots.find((candidate) => candidate.bucket === INCIDENT_BUCKET);
        assert.ok(fixed, 'still a blind spot until Config discovers it');
        assert.deepEqual(fixed.tags, { Service: 'transcribe' });
        assert.equal(fixed.prediction.summary, 'Predicted compliant, not yet evaluated by Config.');
        assert.equal(api.account.session.scan(), scanBefore, 'no account scan after the write');
        const tree = api.account.findingsTree;
        const group = tree.getChildren().find((node) => (node as { kind?: string }).kind === 'group')!;
        const spotNode = tree.getChildren(group).find((node) => (node as { resourceId?: string }).resourceId === INCIDENT_BUCKET)!;
        assert.equal(tree.getTreeItem(tree.getChildren(spotNode)[0]!).label, 'Predicted compliant, not yet evaluated by Config.');

        const puts = (await controlCalls()).filter((call) => call.operation === 'PutBucketTagging');
        const newPuts = puts
          .map((call) => ({ ...call, count: call.count - (callsBefore.find((b) => b.region === call.region)?.count ?? 0) }))
          .filter((call) => call.count > 0);
        assert.deepEqual(
          newPuts.map((call) => call.region),
          [HOME],
          'the write goes through the home region only',
        );

        const client = new S3Client({ region: HOME, endpoint: endpoint(), forcePathStyle: true, credentials });
        const tags = await client.send(new GetBucketTaggingCommand({ Bucket: INCIDENT_BUCKET }));
        client.destroy();
        assert.deepEqual(tags.TagSet, [{ Key: 'Service', Value: 'transcribe' }]);
        await screenshot('blindspots-2-tagged', { waitFor: '.notifications-toasts' });
      } finally {
        api.addMissingTags.setPrompterForTests(undefined);
      }
    });

    it('tags a non-compliant instance from its finding with TagResources, and a failing call changes nothing', async () => {
      const api = await getApi();
      const instance = 'i-0f9e8d7c6b5a40312';
      const arn = `arn:aws:ec2:${HOME}:123456789012:instance/${instance}`;
      const tagging = new ResourceGroupsTaggingAPIClient({ region: HOME, endpoint: endpoint(), credentials });
      const tagsOf = async () => {
        const answer = await tagging.send(new GetResourcesCommand({ ResourceARNList: [arn] }));
        return Object.fromEntries((answer.ResourceTagMappingList?.[0]?.Tags ?? []).map((tag) => [tag.Key, tag.Value]));
      };
      const prompter = new AnsweringPrompter(api);
      api.addMissingTags.setPrompterForTests(prompter);
      try {
        const before = await tagsOf();
        // The node shape the Findings view and the watch pass: { region, resourceType, resourceId }.
        const node = { region: HOME, resourceType: 'AWS::EC2::Instance', resourceId: instance };
        await fetch(`${endpoint()}/_tagsight/faults`, {
          method: 'POST',
          body: JSON.stringify({ kind: 'server-error', operation: 'TagResources', region: HOME }),
        });
        try {
          await executeCommand('tagsight.addMissingTags', node);
        } finally {
          await fetch(`${endpoint()}/_tagsight/faults`, { method: 'DELETE' });
        }
        assert.equal(api.addMissingTags.lastResult?.kind, 'failed');
        assert.ok(
          prompter.messages.some((message) => /Tagging .* failed/.test(message)),
          'the user is told',
        );
        assert.deepEqual(await tagsOf(), before, 'a failed write changes nothing');

        await executeCommand('tagsight.addMissingTags', node);
        assert.equal(api.addMissingTags.lastResult?.kind, 'written', prompter.messages.join('\n'));
        assert.deepEqual(await tagsOf(), { ...before, Service: 'transcribe' });
        // A resource Config has recorded: re-evaluation is offered, after the progress notification is gone.
        assert.ok(prompter.reevaluationOffered, 're-evaluation is offered for a Config finding');
        assert.deepEqual(prompter.duringProgress, [], 'no question or message while the progress notification is up');
      } finally {
        api.addMissingTags.setPrompterForTests(undefined);
        tagging.destroy();
      }
    });

    it('lets the recorder pick up the home-region change: the rule turns compliant and the blind spot goes', async () => {
      const config = new ConfigServiceClient({ region: HOME, endpoint: endpoint(), credentials });
      try {
        await waitFor(
          async () => {
            const answer = await config.send(
              new DescribeComplianceByResourceCommand({ ResourceType: 'AWS::S3::Bucket', ResourceId: INCIDENT_BUCKET }),
            );
            return answer.ComplianceByResources?.[0]?.Compliance?.ComplianceType === 'COMPLIANT';
          },
          { timeoutMs: 30_000, intervalMs: 250, message: 'the REQUIRED_TAGS rule to report the bucket COMPLIANT' },
        );
      } finally {
        config.destroy();
      }
      const api = await refreshed();
      assert.ok(
        !api.blindSpots.report?.blindSpots.some((spot) => spot.bucket === INCIDENT_BUCKET),
        'the refreshed Findings drop the fixed blind spot',
      );
      assert.ok(
        api.blindSpots.report?.blindSpots.some((spot) => spot.bucket === LIVE_BUCKET),
        'the untouched bucket stays a blind spot',
      );
      await showFindings();
      await screenshot('blindspots-3-compliant', { waitFor: FINDINGS_ROW('Blind spots: 1 not seen by Config') });
    });

    it('re-evaluates a rule at most once a minute, and opens the Terraform that defines a bucket', async () => {
      await getApi();
      // The instance's quick fix above started an evaluation of required-tags in ap-northeast-2 seconds ago.
      const outcomes = await executeCommand<Array<{ kind: string; explanation: string }>>('tagsight.reevaluateRule', {
        ruleName: 'required-tags',
        region: HOME,
      });
      assert.equal(outcomes?.[0]?.kind, 'too-soon');
      assert.match(outcomes?.[0]?.explanation ?? '', /one re-evaluation a minute/);

      await executeCommand('tagsight.openDefinition', { region: HOME, resourceType: 'AWS::S3::Bucket', resourceId: 'transcribe-results' });
      const editor = await waitFor(
        () => {
          const active = vscode.window.activeTextEditor;
          return active?.document.uri.path.endsWith('infra/main.tf') ? active : undefined;
        },
        { message: 'infra/main.tf to open' },
      );
      assert.equal(editor.selection.active.line, 3, 'at the line naming the bucket');
      await screenshot('blindspots-4-definition', { waitFor: '.monaco-editor' });
    });
  });
}
