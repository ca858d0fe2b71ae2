/**
 * The channel through which a test inside the extension host asks the browser for something: the extension host
 * cannot reach the page, so the runner serves POST /screenshot (answered once the PNG is written, see helpers.ts
 * screenshot()) and POST /ui-action (a click or key press through playwright, see helpers.ts uiAction()) on
 * 127.0.0.1.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type { ScreenshotRequest, ScreenshotResponse, UiActionRequest, UiActionResponse, UiFrame } from '../protocol';

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/;

export interface ScreenshotServer {
  /** http://127.0.0.1:PORT/screenshot */
  readonly url: string;
  /** http://127.0.0.1:PORT/ui-action */
  readonly actionUrl: string;
  /** The page to capture; requests before it is set fail with a clear message. */
  setPage(page: Page | undefined): void;
  /** Paths written so far. */
  readonly written: string[];
  close(): Promise<void>;
}

export async function startScreenshotServer(resultsDir: string): Promise<ScreenshotServer> {
  let page: Page | undefined;
  const written: string[] = [];

  const take = async (request: ScreenshotRequest): Promise<string> => {
    if (typeof request?.name !== 'string' || !SAFE_NAME.test(request.name)) {
      throw new Error(`Invalid screenshot name ${JSON.stringify(request?.name)}: use letters, digits, . _ -`);
    }
    if (!page) throw new Error('No browser page is open');
    const timeout = request.timeoutMs ?? 15_000;
    if (request.waitFor) await page.locator(request.waitFor).first().waitFor({ state: 'visible', timeout });
    const file = path.join(resultsDir, `${request.name}.png`);
    fs.mkdirSync(resultsDir, { recursive: true });
    if (request.element) await page.locator(request.element).first().screenshot({ path: file, timeout });
    else await page.screenshot({ path: file, timeout });
    written.push(file);
    return file;
  };

  /** Does the action; resolves with when it started (for a press without selector, when the key was sent) and any texts read. */
  const act = async (request: UiActionRequest): Promise<{ readonly at: number; readonly texts?: readonly string[] }> => {
    if (!page) throw new Error('No browser page is open');
    const timeout = request?.timeoutMs ?? 15_000;
    const at = Date.now();
    if (request?.action === 'click') {
      if (typeof request.selector !== 'string') throw new Error('A click needs a selector');
      await locate(page, request.frame, request.selector).click({ timeout });
    } else if (request?.action === 'hover') {
      if (typeof request.selector !== 'string') throw new Error('A hover needs a selector');
      await locate(page, request.frame, request.selector).hover({ timeout });
    } else if (request?.action === 'press') {
      if (typeof request.key !== 'string') throw new Error('A press needs a key');
      if (request.selector === undefined) await page.keyboard.press(request.key);
      else await locate(page, request.frame, request.selector).press(request.key, { timeout });
    } else if (request?.action === 'text') {
      if (typeof request.selector !== 'string') throw new Error('Reading text needs a selector');
      const target = locate(page, request.frame, request.selector);
      await target.waitFor({ state: 'visible', timeout });
      const all = request.frame === 'webview' ? webviewFrame(page).locator(request.selector) : page.locator(request.selector);
      // innerText is what a person reads; SVG text has none, so its textContent stands in. With `parts`, the texts
      // of those descendants joined by a space (a tree row's label and description are separate spans).
      return { at, texts: await all.evaluateAll(READ_TEXTS, request.parts) };
    } else {
      throw new Error(`Unknown UI action ${JSON.stringify((request as { action?: unknown } | null)?.action)}: click, hover, press or text`);
    }
    return { at };
  };

  // The body is JSON from the test; each handler checks the fields it uses.
  const routes = new Map<string, (body: unknown) => Promise<ScreenshotResponse | UiActionResponse>>([
    ['/screenshot', async (body) => ({ path: await take(body as ScreenshotRequest) })],
    [
      '/ui-action',
      async (body) => {
        const { at, texts } = await act(body as UiActionRequest);
        return texts ? { ok: true, at, texts } : { ok: true, at };
      },
    ],
  ]);

  const server = http.createServer((req, res) => {
    const reply = (status: number, body: ScreenshotResponse | UiActionResponse) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const route = req.method === 'POST' ? routes.get(req.url ?? '') : undefined;
    if (!route) return reply(404, { error: `POST ${[...routes.keys()].join(' or ')} only` });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return reply(400, { error: 'The body is not JSON' });
      }
      route(body).then(
        (response) => reply(200, response),
        (error: unknown) => reply(500, { error: error instanceof Error ? error.message : String(error) }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/screenshot`,
    actionUrl: `http://127.0.0.1:${port}/ui-action`,
    setPage: (next) => {
      page = next;
    },
    written,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The first element matching `selector` in the workbench, or in the visible webview's own document: VS Code
 * hosts each webview in `iframe.webview.ready` (hidden ones stay in the DOM), whose page loads the content
 * in `iframe#active-frame`.
 */
/**
 * Runs in the page, so it is built from source text: a function of this file would carry the bundler's helpers
 * (`__name`) into the page, which does not have them.
 */
const READ_TEXTS = new Function(
  'elements',
  'parts',
  `return elements.map((element) => {
  const read = (node) => node.innerText ?? node.textContent ?? '';
  if (!parts || parts.length === 0) return read(element);
  return parts.flatMap((part) => [...element.querySelectorAll(part)].map(read)).filter((text) => text.trim() !== '').join(' ');
});`,
) as (elements: unknown[], parts: readonly string[] | undefined) => string[];

function locate(page: Page, frame: UiFrame | undefined, selector: string): Locator {
  if (frame === undefined || frame === 'workbench') return page.locator(selector).first();
  if (frame !== 'webview') throw new Error(`Unknown frame ${JSON.stringify(frame)}: workbench or webview`);
  return webviewFrame(page).locator(selector).first();
}

/** The document inside the visible webview: VS Code nests it as `iframe.webview.ready` → `iframe#active-frame`. */
function webviewFrame(page: Page): FrameLocator {
  return page
    .locator('iframe.webview.ready')
    .filter({ visible: true })
    .first()
    .contentFrame()
    .locator('iframe#active-frame')
    .contentFrame();
}
