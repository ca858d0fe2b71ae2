/**
 * Helpers for suites running inside the extension host. Import them from a suite:
 * `import { getApi, screenshot, waitFor } from '../helpers';`
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TagsightApi, TagsightTestApi } from '../../src/vscode/extension';
import {
  ENV,
  type ScreenshotRequest,
  type ScreenshotResponse,
  type UiActionRequest,
  type UiActionResponse,
  type UiFrame,
} from './protocol';

export const EXTENSION_ID = 'tagsight.tagsight';

/**
 * Activates Tagsight (if it is not yet) and returns what activate() returned, as any other extension sees it.
 * Fails when activation fails.
 */
export async function getPublicApi(): Promise<TagsightApi | TagsightTestApi> {
  const extension = vscode.extensions.getExtension<TagsightApi | TagsightTestApi>(EXTENSION_ID);
  if (!extension) throw new Error(`Extension ${EXTENSION_ID} is not installed in this extension host`);
  const api = extension.isActive ? extension.exports : await extension.activate();
  // When activate() throws, VS Code logs it and resolves activate() with no exports instead of rejecting.
  if (!api) throw new Error(`${EXTENSION_ID} did not activate: activate() threw or returned nothing (see the Tagsight log)`);
  return api;
}

/** Whether activate() returned the test-mode API (services and seams), which only ExtensionMode.Test gets. */
export function isTestApi(api: TagsightApi | TagsightTestApi): api is TagsightTestApi {
  return 'addMissingTags' in api;
}

/**
 * The test-mode API: what the suites observe and the seams they turn. The harness loads the working tree as the
 * extension under development with a test runner, which VS Code runs in `ExtensionMode.Test`; anywhere else
 * (an installed .vsix) activate() returns only the public API and this fails.
 */
export async function getApi(): Promise<TagsightTestApi> {
  const api = await getPublicApi();
  if (!isTestApi(api)) throw new Error(`${EXTENSION_ID} does not run in test mode: activate() returned only the public API`);
  return api;
}

export { waitFor, type WaitOptions } from '../support/wait-for';

export function executeCommand<T = unknown>(command: string, ...args: unknown[]): Promise<T> {
  return Promise.resolve(vscode.commands.executeCommand<T>(command, ...args));
}

/** Whether the runner drives a browser that can take screenshots (code-server yes, desktop VS Code no). */
export function canScreenshot(): boolean {
  return Boolean(process.env[ENV.screenshotUrl]);
}

/**
 * Asks the runner to save a PNG of the workbench as test-results/<name>.png and returns its path once written.
 * `waitFor` is a CSS selector in the workbench that must be visible first (the runner fails the request after
 * `timeoutMs`), `element` captures only one element. Returns undefined when no browser drives the workbench
 * (desktop runner), so suites stay runnable there.
 */
export async function screenshot(name: string, options: Omit<ScreenshotRequest, 'name'> = {}): Promise<string | undefined> {
  const url = process.env[ENV.screenshotUrl];
  if (!url) {
    console.log(`[tagsight-harness] screenshot '${name}' skipped: no browser drives this workbench`);
    return undefined;
  }
  const request: ScreenshotRequest = { name, ...options };
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  const body = (await response.json()) as ScreenshotResponse;
  if (!response.ok || !body.path) throw new Error(`Screenshot '${name}' failed: ${body.error ?? response.statusText}`);
  return body.path;
}

/**
 * Asks the runner to click or press a key in the browser, in the workbench or inside the visible webview
 * (`frame: 'webview'`), and resolves once playwright did it; fails when the element never becomes actionable
 * within `timeoutMs` (default 15 s). Returns false when no browser drives the workbench (desktop runner): the
 * suite then says what it skipped and still asserts what it can through the API.
 */
export async function uiAction(request: UiActionRequest): Promise<boolean> {
  return (await uiActionAt(request)) !== undefined;
}

/**
 * uiAction() that resolves with when the runner started the action (Date.now(): one clock for the runner and the
 * extension host on this machine), so a test can time what follows from the key press itself; undefined when no
 * browser drives the workbench.
 */
export async function uiActionAt(request: UiActionRequest): Promise<number | undefined> {
  const url = process.env[ENV.uiActionUrl];
  const what = `${request.action} ${request.action === 'press' ? `${request.key} ` : ''}${request.selector ?? ''}`.trim();
  if (!url) {
    console.log(`[tagsight-harness] UI action '${what}' skipped: no browser drives this workbench`);
    return undefined;
  }
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  const body = (await response.json()) as UiActionResponse;
  if (!response.ok || !body.ok || body.at === undefined)
    throw new Error(`UI action '${what}' failed: ${body.error ?? response.statusText}`);
  return body.at;
}

/**
 * What a person sees: the rendered text of every element matching `selector` in the workbench (or the visible
 * webview), read by the browser that drives it. Undefined when no browser drives the workbench (desktop runner).
 */
export async function visibleTexts(
  selector: string,
  options: { frame?: UiFrame; parts?: readonly string[]; timeoutMs?: number } = {},
): Promise<readonly string[] | undefined> {
  const url = process.env[ENV.uiActionUrl];
  if (!url) return undefined;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'text', selector, ...options }),
  });
  const body = (await response.json()) as UiActionResponse;
  if (!response.ok || !body.ok || !body.texts) throw new Error(`Reading '${selector}' failed: ${body.error ?? response.statusText}`);
  return body.texts;
}

/** The fixture workspace folder (a temp copy; tests may change its files). */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The suite opened no workspace folder');
  return folder.uri;
}

export function workspaceFile(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), ...segments);
}

/** Applies the quick fix whose title starts with `titleStart`, found the way the editor finds it (the provider command). */
export async function applyQuickFix(uri: vscode.Uri, diagnostic: vscode.Diagnostic, titleStart: string): Promise<void> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  const action = actions.find((candidate) => candidate.title.startsWith(titleStart));
  assert.ok(action?.edit, `a quick fix "${titleStart}..." among: ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(await vscode.workspace.applyEdit(action.edit), 'the edit applies');
}
