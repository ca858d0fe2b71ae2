import { escapeXml as esc } from '../core/xml-escape';

/**
 * The frame both of our HTML pages share (the exported report and the coverage map webview): the doctype, the
 * charset, and the Content-Security-Policy as the first thing in <head>, before anything it governs.
 */
export interface HtmlDocument {
  /** The policy, unescaped; it is escaped into the meta tag here. */
  readonly csp: string;
  readonly title: string;
  /** Ready-made elements after the policy and the viewport, before the title. */
  readonly head?: readonly string[];
  readonly body: readonly string[];
}

export function renderHtmlDocument(document: HtmlDocument): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(document.csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    ...(document.head ?? []),
    `<title>${esc(document.title)}</title>`,
    '</head>',
    '<body>',
    ...document.body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
