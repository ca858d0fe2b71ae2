import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CoverageNode } from '../../../src/vscode/account/coverage-tree';
import type { FindingsNode } from '../../../src/vscode/account/findings-tree';
import { ENV } from '../protocol';
import { canScreenshot, executeCommand, getApi, screenshot, uiAction, waitFor } from '../helpers';

/**
 * The account views in the real extension host against the emulator's `incident` scenario (started by the
 * runner; its endpoint reaches the SDK through AWS_ENDPOINT_URL, credentials are dummies): the Coverage tree,
 * the Findings tree, node commands, a fault shown on its region only, the demo account, and screenshots.
 */
const INCIDENT_ACCOUNT = '123456789012';
/** The emulator's `org-aggregator` scenario: an organization aggregator `org-aggregator` in us-east-1. */
const ORG_ACCOUNT = '345678901234';
const UNTAGGED_INSTANCE = 'i-0f9e8d7c6b5a40312';

async function control(route: string, method: string, body?: unknown): Promise<unknown> {
  const endpoint = process.env[ENV.emulatorEndpoint];
  assert.ok(endpoint, 'the runner started the emulator');
  const response = await fetch(`${endpoint}/_tagsight/${route}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  assert.ok(response.ok, `control ${method} ${route}: HTTP ${response.status}`);
  return response.json();
}

export function register(): void {
  describe('Account: Coverage and Findings views', function () {
    this.timeout(90_000);

    async function connectedApi() {
      const api = await getApi();
      const session = api.account.session;
      if (session.connection?.kind !== 'default-chain' || !session.scan() || session.scanning) {
        await session.connect({ kind: 'default-chain' });
      }
      await waitFor(() => session.state.kind === 'scanned' && session.scan(), { timeoutMs: 30_000, message: 'the scan to finish' });
      return api;
    }

    function coverageRoots(api: Awaited<ReturnType<typeof getApi>>): CoverageNode[] {
      return api.account.coverageTree.getChildren();
    }

    it('shows the account, then the regions that need action, with quiet regions folded into one node each', async () => {
      const api = await connectedApi();
      await api.blindSpots.settled();
      const tree = api.account.coverageTree;
      const roots = coverageRoots(api);
      const account = tree.getTreeItem(roots[0]!);
      assert.equal(account.label, `Account ${INCIDENT_ACCOUNT}`);
      // The runner points the SDK at the emulator on 127.0.0.1: the row says so in words, with the URL.
      assert.equal(account.description, `default credentials · local endpoint ${api.account.session.endpoint}`);
      assert.match(String(api.account.session.endpoint), /^http:\/\/127\.0\.0\.1:\d+/);
      const regions = roots.filter((node): node is CoverageNode & { kind: 'region' } => node.kind === 'region');
      const items = regions.map((node) => tree.getTreeItem(node));
      // What needs action first: Seoul holds the non-compliant instance and the blind spot, us-east-1 a bucket
      // that no recorder watches; the same counts as the map, the report and the CLI.
      assert.deepEqual(
        items.map((item) => item.label),
        ['ap-northeast-2', 'us-east-1'],
      );
      const [seoul, virginia] = items as [vscode.TreeItem, vscode.TreeItem];
      assert.equal(seoul.description, 'recorded · 1 non-compliant, 1 blind spot');
      assert.equal((seoul.iconPath as vscode.ThemeIcon).id, 'pass');
      // The row says the verdict in two words; the explanation is in the tooltip and the first child.
      assert.equal(virginia.description, 'not recorded · 1 bucket not watched');
      assert.match(
        (virginia.tooltip as vscode.MarkdownString).value,
        /\*\*not recorded\*\*: a call sent to this region's endpoint is invisible to Config here/,
      );
      assert.equal((virginia.iconPath as vscode.ThemeIcon).id, 'error');
      const virginiaNode = regions.find((node) => node.region.region === 'us-east-1')!;
      const [why] = tree.getChildren(virginiaNode).map((node) => tree.getTreeItem(node));
      assert.match(String(why!.label), /^A call sent to this region's endpoint is invisible to Config here/);
      // The rest folds: one node for the regions with no recorder and nothing found, one for disabled ones.
      const folded = roots.filter((node) => node.kind === 'quiet');
      const foldedItems = folded.map((node) => tree.getTreeItem(node));
      assert.match(String(foldedItems[0]!.label), /^\d+ regions: no recorder, nothing found$/);
      assert.equal(foldedItems[0]!.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
      assert.equal(foldedItems.at(-1)!.label, '2 regions disabled for this account');
      const disabled = tree.getChildren(folded.at(-1)!).map((node) => tree.getTreeItem(node));
      assert.deepEqual(
        disabled.map((item) => [item.label, item.description]),
        [
          ['ap-east-1', 'region disabled'],
          ['me-south-1', 'region disabled'],
        ],
      );
      assert.equal(tree.getParent(tree.getChildren(folded.at(-1)!)[0]!), folded.at(-1), 'a folded region can be revealed');
      const seoulNode = regions.find((node) => node.region.region === 'ap-northeast-2')!;
      const details = tree.getChildren(seoulNode).map((node) => tree.getTreeItem(node));
      const detail = (label: string) => details.find((item) => item.label === label)?.description;
      assert.equal(detail('Recorders'), 'default');
      assert.equal(detail('Records'), 'all supported types');
      assert.equal(detail('Mode'), 'continuous');
      // API values in words, times in the locale format (the ISO time is in the tooltip).
      assert.match(String(detail('Status')), /^recording · succeeding since \S/);
      assert.equal(detail('Delivery channel'), 's3://config-bucket-123456789012');
      for (const item of details)
        assert.doesNotMatch(
          `${String(item.label)} ${String(item.description ?? '')}`,
          /SUCCESS|FAILURE|_Hours|\d{4}-\d\d-\d\dT\d/,
          String(item.label),
        );
      assert.match(String(detail('Rules')), /1 REQUIRED_TAGS: required-tags \(Service\)/);
    });

    it('folds regions marked unused (a context action, kept in user settings) without a new scan, and unfolds them again', async () => {
      const api = await connectedApi();
      await api.blindSpots.settled();
      const tree = api.account.coverageTree;
      const scanned = api.account.session.scan();
      const quietLabels = () =>
        coverageRoots(api)
          .filter((node) => node.kind === 'quiet')
          .map((node) => String(tree.getTreeItem(node).label));
      try {
        for (const region of ['sa-east-1', 'eu-west-3']) {
          const node = api.account.coverageTree.regionNode(region);
          assert.ok(node, region);
          assert.match(String(tree.getTreeItem(node).contextValue), /\bused\b/);
          await executeCommand('tagsight.markRegionUnused', node);
        }
        await waitFor(() => quietLabels().includes('2 regions marked unused: nothing found'), { message: 'the unused regions folded' });
        const unused = coverageRoots(api).find((node) => node.kind === 'quiet' && node.group.kind === 'unused')!;
        assert.deepEqual(
          tree.getChildren(unused).map((node) => tree.getTreeItem(node).label),
          ['eu-west-3', 'sa-east-1'],
        );
        assert.match(String(tree.getTreeItem(tree.getChildren(unused)[0]!).contextValue), /\bunused\b/);
        assert.equal(api.account.session.scan()?.finishedAt, scanned?.finishedAt, 'no new scan');
        assert.deepEqual(vscode.workspace.getConfiguration('tagsight').inspect('aws.unusedRegions')?.globalValue, [
          'eu-west-3',
          'sa-east-1',
        ]);
      } finally {
        await executeCommand('tagsight.markRegionUsed', 'sa-east-1');
        await executeCommand('tagsight.markRegionUsed', 'eu-west-3');
      }
      await waitFor(() => !quietLabels().some((label) => label.includes('unused')), { message: 'the regions unfolded' });
    });

    it('lists non-compliant resources as rule, region, resource with missing keys', async () => {
      const api = await connectedApi();
      const tree = api.account.findingsTree;
      const rules = tree.getChildren() as FindingsNode[];
      const rule = rules.find((node) => node.kind === 'rule' && node.ruleName === 'required-tags');
      assert.ok(rule, `a required-tags rule node among ${rules.map((node) => node.kind).join(', ')}`);
      const [region] = tree.getChildren(rule) as FindingsNode[];
      assert.equal(tree.getTreeItem(region!).label, 'ap-northeast-2');
      assert.match(String(tree.getTreeItem(region!).contextValue), /\brule\b/);
      const resources = tree.getChildren(region) as FindingsNode[];
      const instance = resources.find((node) => node.kind === 'resource' && node.resourceId === UNTAGGED_INSTANCE)!;
      assert.ok(instance, 'the untagged instance is non-compliant');
      const item = tree.getTreeItem(instance);
      assert.equal(item.description, 'missing Service · AWS::EC2::Instance');
      for (const word of ['taggable', 'hasArn', 'console']) assert.match(String(item.contextValue), new RegExp(`\\b${word}\\b`));
      assert.ok(
        !resources.some((node) => node.kind === 'resource' && node.resourceId === 'rnd-transcribe-test'),
        'Config never saw the bucket created through us-east-1',
      );

      await executeCommand('tagsight.copyArn', instance);
      assert.equal(await vscode.env.clipboard.readText(), `arn:aws:ec2:ap-northeast-2:${INCIDENT_ACCOUNT}:instance/${UNTAGGED_INSTANCE}`);
      assert.match(api.account.statusBar.text, / 1 non-compliant · /);
      assert.match(api.account.statusBar.tooltip, new RegExp(`^Account ${INCIDENT_ACCOUNT} `));
    });

    it('shows a failing region part as an error node on that region only, with Show Log', async () => {
      const api = await connectedApi();
      await control('faults', 'POST', { kind: 'access-denied', operation: 'DescribeConfigRules', region: 'ap-northeast-2' });
      try {
        await api.account.session.refresh();
        const tree = api.account.coverageTree;
        const regions = coverageRoots(api).filter((node): node is CoverageNode & { kind: 'region' } => node.kind === 'region');
        for (const node of regions) {
          const errors = tree.getChildren(node).filter((child) => child.kind === 'error');
          if (node.region.region !== 'ap-northeast-2') {
            assert.equal(errors.length, 0, `${node.region.region} shows no error`);
            continue;
          }
          assert.equal(errors.length, 1);
          const item = tree.getTreeItem(errors[0]!);
          assert.equal(item.label, 'rules: access denied');
          assert.equal(item.contextValue, 'error');
          assert.equal(item.command?.command, 'tagsight.openLog');
          assert.match(String(tree.getTreeItem(node).description), /^recorded( · 1 blind spot)? · 1 part unreadable$/);
        }
        const findings = api.account.findingsTree.getChildren() as FindingsNode[];
        assert.ok(findings.some((node) => node.kind === 'error' && /ap-northeast-2: rules not read \(access denied\)/.test(node.label)));
      } finally {
        await control('faults', 'DELETE');
        await api.account.session.refresh();
      }
    });

    it('says the scan failed when the credentials have expired, and recovers on refresh', async () => {
      const api = await connectedApi();
      await control('faults', 'POST', { kind: 'expired-token', operation: 'GetCallerIdentity' });
      try {
        await api.account.session.refresh();
        assert.equal(api.account.session.state.kind, 'failed');
        const tree = api.account.coverageTree;
        const error = coverageRoots(api).find((node) => node.kind === 'error');
        assert.ok(error, 'an error node says why');
        const item = tree.getTreeItem(error);
        assert.equal(item.label, 'Scan failed: credentials expired');
        assert.match(String(item.tooltip), /Sign in again/);
        assert.match(api.account.statusBar.text, /scan failed/);
        const findings = api.account.findingsTree.getChildren() as FindingsNode[];
        assert.deepEqual(
          findings.map((node) => node.kind === 'error' && node.label),
          ['Scan failed: credentials expired'],
          'the Findings view says why it is empty',
        );
      } finally {
        await control('faults', 'DELETE');
      }
      await api.account.session.refresh();
      assert.equal(api.account.session.state.kind, 'scanned');
    });

    it('reveals a region on request and takes a screenshot of both views on the incident scenario', async () => {
      const api = await connectedApi();
      await executeCommand('workbench.view.extension.tagsight');
      // The other Findings sections (blind spots) follow the scan; the picture shows them settled.
      await waitFor(() => api.blindSpots.state.kind !== 'checking', { timeoutMs: 30_000, message: 'the blind-spot check to settle' });
      // The bucket created through us-east-1 is a blind spot in Seoul: its row and the status bar count it.
      assert.equal(api.blindSpots.state.kind, 'done');
      const seoul = coverageRoots(api).find((node) => node.kind === 'region' && node.region.region === 'ap-northeast-2')!;
      assert.equal(api.account.coverageTree.getTreeItem(seoul).description, 'recorded · 1 non-compliant, 1 blind spot');
      assert.match(
        api.account.statusBar.text,
        /^\$\(account\) default credentials · 123456789012 \$\(warning\) 1 non-compliant · 1 blind spot · 16 not recorded$/,
      );
      // The counts open Findings; the account part chooses a profile.
      assert.equal(api.account.statusBar.countsCommand, 'tagsight.findings.focus');
      await executeCommand('tagsight.revealRegion', 'ap-northeast-2');
      const shot = await screenshot('account-views', { waitFor: '.sidebar .monaco-list-row' });
      if (shot) assert.match(shot, /account-views\.png$/);
    });

    it('reads findings through the Config aggregator named in tagsight.aws.aggregator, as the CLI does', async () => {
      const api = await connectedApi();
      const session = api.account.session;
      const settings = vscode.workspace.getConfiguration('tagsight');
      const calls = async (operation: string) =>
        ((await control('calls', 'GET')) as { operation: string; region: string; count: number }[]).filter(
          (call) => call.operation === operation,
        );
      await control('scenario', 'POST', { name: 'org-aggregator' });
      try {
        await control('reset-calls', 'POST');
        await settings.update('aws.aggregator', 'org-aggregator', vscode.ConfigurationTarget.Global);
        // Changing a tagsight.aws setting rescans by itself; start one only if that has not happened.
        if (!session.scanning) void session.refresh();
        const scan = await waitFor(
          () => {
            const latest = session.scan();
            return session.state.kind === 'scanned' && latest?.identity?.accountId === ORG_ACCOUNT && !latest.cancelled
              ? latest
              : undefined;
          },
          { timeoutMs: 60_000, message: 'a scan of the org-aggregator account' },
        );
        const findings = scan.regions.flatMap((region) => region.nonCompliant);
        assert.equal(findings.length, 6, JSON.stringify(scan.regions.flatMap((region) => region.errors)));
        const aggregate = await calls('GetAggregateComplianceDetailsByConfigRule');
        assert.ok(aggregate.length > 0, 'results were read through the aggregator');
        assert.ok(
          aggregate.every((call) => call.region === 'us-east-1'),
          'aggregate calls go to the home region',
        );
        assert.deepEqual(await calls('GetComplianceDetailsByConfigRule'), [], 'no regional compliance call');
      } finally {
        await control('scenario', 'POST', { name: 'incident' });
        await settings.update('aws.aggregator', undefined, vscode.ConfigurationTarget.Global);
        await session.refresh();
      }
      assert.equal(session.scan()?.identity?.accountId, INCIDENT_ACCOUNT);
    });

    it('connects to the demo account in-process on request', async () => {
      const api = await getApi();
      const scan = await executeCommand<unknown>('tagsight.useDemoAccount');
      assert.ok(scan, 'the command resolves with the scan');
      const session = api.account.session;
      assert.equal(session.connection?.kind, 'demo');
      assert.notEqual(session.endpoint, process.env[ENV.emulatorEndpoint], 'the demo runs its own emulator');
      assert.equal(session.scan()?.identity?.accountId, INCIDENT_ACCOUNT);
      assert.match(api.account.statusBar.text, /demo account/);
    });

    it('opens the profile picker on the current connection, and says why when the chosen one fails to connect', async function () {
      if (!canScreenshot()) this.skip(); // the quick pick and the notification are only reachable through the browser
      const api = await getApi();
      const session = api.account.session;
      if (session.connection?.kind !== 'demo') await executeCommand('tagsight.useDemoAccount');
      // The demo runs its own emulator in the extension host; its control API takes the fault.
      const demo = session.endpoint!;
      const fault = await fetch(`${demo}/_tagsight/faults`, {
        method: 'POST',
        body: JSON.stringify({ kind: 'expired-token', operation: 'GetCallerIdentity' }),
        headers: { 'content-type': 'application/json' },
      });
      assert.ok(fault.ok);
      try {
        const picked = executeCommand('tagsight.selectProfile');
        // The active (focused) row is the current connection, marked as such, not the first row (the default chain).
        const activeRow = '.quick-input-widget .monaco-list-row.focused:has-text("Demo account"):has-text("(current)")';
        await screenshot('account-profile-picker', { waitFor: activeRow });
        await uiAction({ action: 'press', key: 'Enter' });
        await picked;
        assert.equal(session.connection?.kind, 'demo');
        // The reconnect runs after the picker closes: wait for its outcome rather than read the state before it.
        await waitFor(() => session.state.kind === 'failed', {
          timeoutMs: 20_000,
          message: `the connection to fail (state: ${session.state.kind})`,
        });
        const toast = '.notifications-toasts .notification-list-item:has-text("Tagsight could not connect with demo account.")';
        await screenshot('account-connect-failed', {
          waitFor: `${toast}:has-text("credentials have expired") .monaco-button:has-text("Show Log")`,
        });
      } finally {
        await fetch(`${demo}/_tagsight/faults`, { method: 'DELETE' });
        await executeCommand('notifications.clearAll');
      }
      await executeCommand('tagsight.useDemoAccount');
      assert.equal(session.state.kind, 'scanned');
    });
  });
}
