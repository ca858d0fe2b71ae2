import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { executeCommand, getApi, screenshot, waitFor, workspaceFile } from '../helpers';

/**
 * The coverage map, the exported report and the watch in the real extension host, on the emulator's `incident`
 * account (its endpoint reaches the SDK through AWS_ENDPOINT_URL; credentials are dummies).
 */
type Api = Awaited<ReturnType<typeof getApi>>;

async function scannedApi(): Promise<Api> {
  const api = await getApi();
  const session = api.account.session;
  if (!session.scan() || session.connection?.kind !== 'default-chain') await session.connect({ kind: 'default-chain' });
  await waitFor(() => session.state.kind === 'scanned' && session.scan(), { timeoutMs: 60_000, message: 'the account scan' });
  await api.blindSpots.settled();
  return api;
}

function attribute(html: string, pattern: RegExp): string {
  const match = pattern.exec(html);
  assert.ok(match, `${pattern} in the page`);
  return match[1]!;
}

export function register(): void {
  describe('Coverage map, report and watch', function () {
    this.timeout(120_000);

    it('opens the map with the arrow us-east-1 → ap-northeast-2, under a strict CSP, loading nothing from outside', async () => {
      const api = await scannedApi();
      await executeCommand('tagsight.showCoverageMap');
      const html = await waitFor(() => {
        const page = api.coverageMap.html();
        return page?.includes('data-bucket="rnd-transcribe-test"') ? page : undefined;
      }, { timeoutMs: 30_000, message: 'the map to show the incident arrow' });

      const tabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs);
      const tab = await waitFor(() => tabs().find((candidate) => candidate.input instanceof vscode.TabInputWebview && candidate.input.viewType.endsWith('tagsight.coverageMap')), {
        message: `the map's tab among ${tabs().map((candidate) => candidate.label).join(', ')}`,
      });
      assert.equal(tab.label, 'Tagsight Coverage Map');

      assert.match(html, /data-from="us-east-1" data-to="ap-northeast-2" data-bucket="rnd-transcribe-test"/);
      assert.match(html, /data-region="us-east-1" data-verdict="not-covered"/);
      assert.match(html, /data-region="ap-northeast-2" data-verdict="covered"/);

      const csp = attribute(html, /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/).replace(/&#39;/g, "'");
      assert.match(csp, /^default-src 'none'; /);
      const nonce = attribute(csp, /script-src 'nonce-([A-Za-z0-9]+)'/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((match) => match[1]!);
      assert.equal(scripts.length, 1);
      assert.ok(scripts[0]!.includes(`nonce="${nonce}"`), 'the one script carries the nonce');
      // Everything the page references is an extension file under media/map/, served through the webview.
      const urls = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
      assert.equal(urls.length, 2, `a stylesheet and a script: ${urls.join(', ')}`);
      const sources = attribute(csp, /img-src (.+?) data:/).split(' ');
      const hostPattern = (source: string) =>
        new RegExp(`^${source.replace(/^[a-z+.-]+:\/\//, '').replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]+')}$`);
      for (const url of urls) {
        assert.match(url, /\/media\/map\/map\.(css|js)$/);
        const { host } = new URL(url);
        assert.ok(sources.some((source) => hostPattern(source).test(host)), `${url} is served by the webview itself (${sources.join(' ')}); CSP: ${csp}`);
      }

      await waitFor(() => api.coverageMap.readyCount() > 0, { timeoutMs: 20_000, message: "the page's nonce'd script to run" });
      const shot = await screenshot('map-incident', { waitFor: 'iframe.webview.ready' });
      if (shot) console.log(`      screenshot: ${shot}`);
    });

    it('exports a self-contained HTML report of the same scan', async () => {
      await scannedApi();
      const target = workspaceFile('tagsight-report.html');
      const written = await executeCommand<vscode.Uri | undefined>('tagsight.exportReport', target);
      assert.equal(written?.toString(), target.toString());
      const html = Buffer.from(await vscode.workspace.fs.readFile(target)).toString('utf8');
      assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-/);
      assert.match(html, /data-from="us-east-1" data-to="ap-northeast-2" data-bucket="rnd-transcribe-test"/);
      assert.match(html, /123456789012/);
      assert.doesNotMatch(html, /<script|<link|\s(src|href)="https?:/);
    });

    it('runs the watch only while the setting asks for it, and takes a baseline first', async () => {
      const api = await scannedApi();
      const settings = vscode.workspace.getConfiguration('tagsight');
      assert.equal(api.watch.state(), 'off', 'off by default');
      try {
        await settings.update('watch.intervalMinutes', 60, vscode.ConfigurationTarget.Global);
        await waitFor(() => api.watch.outcomes().length > 0, { timeoutMs: 60_000, message: 'the baseline check' });
        const [baseline] = api.watch.outcomes();
        assert.ok(baseline?.ok, `the baseline check succeeded: ${JSON.stringify(baseline)}`);
        assert.ok(baseline.baselined.includes('ap-northeast-2'));
        assert.deepEqual(api.watch.notified(), [], 'the baseline notifies nothing');
        assert.equal(api.watch.state(), 'waiting');
      } finally {
        await settings.update('watch.intervalMinutes', undefined, vscode.ConfigurationTarget.Global);
      }
      await waitFor(() => api.watch.state() === 'off', { timeoutMs: 10_000, message: 'the watch to stop' });
    });
  });
}
