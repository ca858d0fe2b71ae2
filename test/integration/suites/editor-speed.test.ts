import * as fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkspaceCheckResult } from '../../../src/app/workspace-check/workspace-check-result';
import { getApi, uiActionAt, waitFor, workspaceFile } from '../helpers';

/**
 * Measurements for `npm run bench` (test/bench/editor.bench.ts), inside the real extension host: it opens the
 * generated workspace twice with the same user data. Phase `cold` (TAGSIGHT_BENCH_PHASE): the workspace check is
 * off at start; turning it on starts the first pass, timed with the event loop's delays sampled meanwhile.
 * Phase `reopen`: the pass at activation answers from the findings cache (the bench changed one file in between);
 * then keystrokes typed with the harness's keyboard into the real editor, each timed until the diagnostics change.
 * The figures go to TAGSIGHT_BENCH_OUT as JSON; the bench prints them beside their targets.
 */
const KEYSTROKES = 16;
/** Keystrokes typed first and not counted: the first check after opening parses the whole file. */
const WARM_UP = 2;

export interface TypingFigures {
  /** From the runner sending the key press into the browser to the diagnostics changing, per keystroke (ms). */
  readonly fromKeyMs: number[];
  /** From the test asking the runner for the key press (its HTTP round trip included) to the diagnostics changing (ms). */
  readonly fromRequestMs: number[];
  /** From the document change reaching the extension host to the diagnostics changing (ms). */
  readonly fromChangeMs: number[];
  readonly lines: number;
}

export interface EditorBenchFigures {
  readonly phase: string;
  readonly pass?: WorkspaceCheckResult;
  /** Longest event-loop delay sampled during the pass (ms), and its 99th percentile. */
  readonly maxStallMs?: number;
  readonly p99StallMs?: number;
  readonly typing?: Record<string, TypingFigures>;
  /** The extension host's peak resident memory so far (MB). */
  readonly peakRssMb: number;
}

function ruleCount(uri: vscode.Uri, rule: string): number {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'Tagsight' && (typeof d.code === 'object' ? d.code.value : d.code) === rule).length;
}

function writeFigures(figures: EditorBenchFigures): void {
  const out = process.env.TAGSIGHT_BENCH_OUT;
  assert.ok(out, 'TAGSIGHT_BENCH_OUT names the figures file (run through npm run bench)');
  fs.writeFileSync(out, JSON.stringify(figures, null, 2));
}

async function completedPass(): Promise<WorkspaceCheckResult> {
  const api = await getApi();
  return new Promise((resolve) => {
    const listener = api.iacChecks.workspaceCheck.onDidComplete((result) => {
      listener.dispose();
      resolve(result);
    });
  });
}

/**
 * Types `x` after `marker` (in the middle of the file), then Backspace, and so on: each keystroke makes or clears
 * a disallowed tag value. The key goes through the browser (playwright's keyboard) into the focused editor; the
 * diagnostics are seen changing through the seam (CodeDiagnostics.onDidUpdate fires as the collection is set, the
 * moment the workbench is sent them; the API's onDidChangeDiagnostics is debounced by VS Code itself).
 */
async function typeAndMeasure(uri: vscode.Uri, marker: string): Promise<TypingFigures> {
  const api = await getApi();
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  await waitFor(() => api.iacChecks.diagnostics.findingsFor(document).length > 0, {
    timeoutMs: 30_000,
    message: `the live diagnostics of ${vscode.workspace.asRelativePath(uri)}`,
  });
  const text = document.getText();
  const at = text.indexOf(marker, Math.floor(text.length / 2));
  assert.ok(at >= 0, `${marker} in the second half of the file`);
  const position = document.positionAt(at + marker.length);
  editor.selection = new vscode.Selection(position, position);
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  const rule = 'tagsight.disallowed-tag-value';
  const baseline = ruleCount(uri, rule);
  const fromKeyMs: number[] = [];
  const fromRequestMs: number[] = [];
  const fromChangeMs: number[] = [];
  for (let round = 0; round < WARM_UP + KEYSTROKES; round++) {
    const counted = round >= WARM_UP;
    const typing = round % 2 === 0;
    const expected = typing ? baseline + 1 : baseline;
    let changedAt: number | undefined;
    const changeListener = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === document && changedAt === undefined) changedAt = performance.now();
    });
    let diagnosticsListener: vscode.Disposable | undefined;
    const updated = new Promise<{ at: number; wallClock: number }>((resolve) => {
      diagnosticsListener = api.iacChecks.diagnostics.onDidUpdate((changed) => {
        if (changed.toString() === uri.toString() && ruleCount(uri, rule) === expected)
          resolve({ at: performance.now(), wallClock: Date.now() });
      });
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `keystroke ${round + 1}: the diagnostics did not change within 10 s (${ruleCount(uri, rule)} ${rule}, expected ${expected})`,
            ),
          ),
        10_000,
      );
    });
    try {
      const requested = performance.now();
      const pressed = await uiActionAt({ action: 'press', key: typing ? 'x' : 'Backspace' });
      assert.ok(pressed !== undefined, 'a browser drives this workbench');
      const done = await Promise.race([updated, timeout]);
      if (counted) {
        fromKeyMs.push(done.wallClock - pressed);
        fromRequestMs.push(done.at - requested);
        if (changedAt !== undefined) fromChangeMs.push(done.at - changedAt);
      }
    } finally {
      clearTimeout(timer);
      changeListener.dispose();
      diagnosticsListener?.dispose();
    }
  }
  assert.equal(document.getText(), text, 'every x was taken back');
  await vscode.commands.executeCommand('workbench.action.files.revert');
  return { fromKeyMs, fromRequestMs, fromChangeMs, lines: document.lineCount };
}

export function register(): void {
  const phase = process.env.TAGSIGHT_BENCH_PHASE ?? '';

  describe(`Editor speed (${phase})`, function () {
    this.timeout(8 * 60_000);

    before(async () => {
      const api = await getApi();
      await api.iacChecks.ready;
    });

    if (phase === 'cold') {
      it("times the first pass over the generated workspace, with the event loop's longest stall", async () => {
        const api = await getApi();
        assert.equal(api.iacChecks.workspaceCheck.lastResult, undefined, 'the check was off until now');
        const delays = monitorEventLoopDelay({ resolution: 10 });
        delays.enable();
        const done = completedPass();
        await vscode.workspace.getConfiguration('tagsight').update('workspaceCheck.enabled', true, vscode.ConfigurationTarget.Global);
        const pass = await done;
        delays.disable();
        assert.equal(pass.cacheHits, 0, 'nothing cached yet');
        writeFigures({
          phase,
          pass,
          maxStallMs: delays.max / 1e6,
          p99StallMs: delays.percentile(99) / 1e6,
          peakRssMb: process.resourceUsage().maxRSS / 1024,
        });
      });
    }

    if (phase === 'reopen') {
      it('times the pass after reopening, and keystrokes to diagnostics in a template and a Terraform file', async () => {
        const api = await getApi();
        const pass = await waitFor(() => api.iacChecks.workspaceCheck.lastResult, {
          timeoutMs: 120_000,
          message: 'the pass at activation to end',
        });
        if (pass.cacheHits === 0) {
          const cacheFile = api.iacChecks.workspaceCheck.cacheFile;
          const stat = cacheFile
            ? await Promise.resolve(vscode.workspace.fs.stat(cacheFile)).catch((error: unknown) => String(error))
            : 'no storage';
          assert.fail(
            `the findings cache of the first run was not used: ${JSON.stringify(pass)}; cache ${cacheFile?.toString()}: ${JSON.stringify(stat)}`,
          );
        }
        const typing = {
          cloudformation: await typeAndMeasure(workspaceFile('typing', 'template.yaml'), 'Value: de'),
          terraform: await typeAndMeasure(workspaceFile('typing', 'main.tf'), 'Env        = "de'),
        };
        writeFigures({ phase, pass, typing, peakRssMb: process.resourceUsage().maxRSS / 1024 });
      });
    }
  });
}
