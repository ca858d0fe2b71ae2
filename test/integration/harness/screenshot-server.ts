/**
 * The channel through which a test inside the extension host asks for a screenshot of the workbench: the
 * extension host cannot reach the page, so the runner serves POST /screenshot on 127.0.0.1 and answers once
 * the PNG is written (see helpers.ts screenshot()).
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { ScreenshotRequest, ScreenshotResponse } from '../protocol';

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/;

export interface ScreenshotServer {
  /** http://127.0.0.1:PORT/screenshot */
  readonly url: string;
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

  const server = http.createServer((req, res) => {
    const reply = (status: number, body: ScreenshotResponse) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/screenshot') return reply(404, { error: 'POST /screenshot only' });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let request: ScreenshotRequest;
      try {
        request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ScreenshotRequest;
      } catch {
        return reply(400, { error: 'The body is not JSON' });
      }
      take(request).then(
        (file) => reply(200, { path: file }),
        (error: unknown) => reply(500, { error: error instanceof Error ? error.message : String(error) }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/screenshot`,
    setPage: (next) => {
      page = next;
    },
    written,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
