import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { readResourceSettings, readSettings } from '../../../src/vscode/common/settings';
import { ENV } from '../protocol';
import { getApi, waitFor, workspaceFile } from '../helpers';

/**
 * A workspace can never redirect AWS calls, pick credentials or turn writes on. The fixture's
 * `.vscode/settings.json` sets `tagsight.aws.endpointUrl` to a closed local port, `tagsight.aws.profile` to `evil`
 * and `tagsight.readOnly` to false (the run's user settings say true). VS Code, Tagsight's settings reader and the
 * live AWS session must all ignore those values: calls go where the user's environment says (the emulator, through
 * AWS_ENDPOINT_URL), with the default credential chain, and read-only stays on.
 */
const EVIL_ENDPOINT = 'http://127.0.0.1:9/evil';
const EVIL_PROFILE = 'evil';
const INCIDENT_ACCOUNT = '123456789012';

async function control(route: string, method = 'GET'): Promise<unknown> {
  const endpoint = process.env[ENV.emulatorEndpoint];
  assert.ok(endpoint, 'the runner started the emulator');
  const response = await fetch(`${endpoint}/_tagsight/${route}`, { method });
  assert.ok(response.ok, `control ${method} ${route}: HTTP ${response.status}`);
  return response.json();
}

async function totalCalls(): Promise<number> {
  const calls = (await control('calls')) as Array<{ count: number }>;
  return calls.reduce((sum, call) => sum + call.count, 0);
}

function assertSafeEffectiveValues(): void {
  const configuration = vscode.workspace.getConfiguration('tagsight');
  assert.equal(configuration.get('aws.endpointUrl'), '', 'VS Code: endpointUrl stays the default');
  assert.equal(configuration.get('aws.profile'), '', 'VS Code: profile stays the default');
  assert.equal(configuration.get('readOnly'), true, 'VS Code: readOnly stays the user value');
  const settings = readSettings();
  assert.equal(settings.aws.endpointUrl, undefined, 'Tagsight: no endpoint from the workspace');
  assert.equal(settings.aws.profile, undefined, 'Tagsight: no profile from the workspace');
  assert.equal(settings.readOnly, true, 'Tagsight: read-only stays on');
}

export function register(): void {
  describe('Security: workspace settings cannot steer AWS', function () {
    this.timeout(90_000);

    it('loads the workspace settings file (a resource-scoped value from it applies)', () => {
      const severity = vscode.workspace.getConfiguration('tagsight').inspect<string>('diagnostics.severity');
      assert.equal(severity?.workspaceValue, 'error', 'the fixture settings file was read; otherwise the other tests prove nothing');
      assert.equal(readResourceSettings(vscode.workspace.workspaceFolders![0]!).diagnostics.severity, 'error');
    });

    it("ignores the workspace endpoint, profile and readOnly, in VS Code and in Tagsight's settings reader", () => {
      const configuration = vscode.workspace.getConfiguration('tagsight');
      for (const key of ['aws.endpointUrl', 'aws.profile', 'readOnly']) {
        const inspected = configuration.inspect(key);
        // Logged for the record: VS Code drops machine/application values from workspace settings entirely.
        console.log(
          `[security] ${key}: ${JSON.stringify({ global: inspected?.globalValue, workspace: inspected?.workspaceValue, folder: inspected?.workspaceFolderValue })}`,
        );
        assert.notEqual(inspected?.workspaceValue, key === 'readOnly' ? false : key === 'aws.profile' ? EVIL_PROFILE : EVIL_ENDPOINT);
      }
      assert.equal(configuration.inspect('readOnly')?.globalValue, true, "the run's user settings set readOnly");
      assertSafeEffectiveValues();
    });

    it("does not connect to the workspace profile at startup, and a connection calls the environment's endpoint", async () => {
      const api = await getApi();
      const session = api.account.session;
      assert.ok(
        !(session.connection?.kind === 'profile' && session.connection.profile === EVIL_PROFILE),
        'no startup connection to the workspace profile',
      );
      const before = await totalCalls();
      await session.connect({ kind: 'default-chain' });
      await waitFor(() => session.state.kind !== 'scanning' && session.scan(), { timeoutMs: 30_000, message: 'the scan to finish' });
      assert.equal(session.state.kind, 'scanned', `scan state ${JSON.stringify(session.state)}`);
      assert.equal(session.scan()?.identity?.accountId, INCIDENT_ACCOUNT, "the scan read the emulator's account");
      assert.equal(session.endpoint, process.env.AWS_ENDPOINT_URL, "calls go to the environment's endpoint");
      assert.notEqual(session.endpoint, EVIL_ENDPOINT);
      assert.equal(session.clients()?.connection.endpointUrl, undefined, 'no endpoint from settings');
      assert.equal(session.clients()?.connection.profile, undefined, 'no profile from settings');
      assert.ok((await totalCalls()) > before, 'the emulator received the calls');
    });

    it('keeps ignoring them when the workspace settings file changes while the window is open', async () => {
      const file = workspaceFile('.vscode', 'settings.json');
      fs.writeFileSync(
        file.fsPath,
        JSON.stringify(
          {
            'tagsight.aws.endpointUrl': 'http://127.0.0.1:9/evil-2',
            'tagsight.aws.profile': 'evil-2',
            'tagsight.readOnly': false,
            'tagsight.diagnostics.severity': 'hint',
          },
          null,
          2,
        ),
      );
      await waitFor(() => vscode.workspace.getConfiguration('tagsight').get('diagnostics.severity') === 'hint', {
        timeoutMs: 20_000,
        message: 'VS Code to reload the workspace settings',
      });
      assertSafeEffectiveValues();
      const api = await getApi();
      const session = api.account.session;
      await waitFor(() => !session.scanning, { timeoutMs: 30_000, message: 'any scan to settle' });
      assert.ok(
        !(session.connection?.kind === 'profile' && session.connection.profile.startsWith(EVIL_PROFILE)),
        'no reconnection to the workspace profile',
      );
      await session.connect({ kind: 'default-chain' });
      await waitFor(() => session.state.kind !== 'scanning' && session.scan(), { timeoutMs: 30_000, message: 'the scan to finish' });
      assert.equal(session.endpoint, process.env.AWS_ENDPOINT_URL);
      assert.equal(session.scan()?.identity?.accountId, INCIDENT_ACCOUNT);
    });
  });
}
