import { formatWhen } from '../../core/when';
import * as vscode from 'vscode';
import type { AccountScan } from '../../core/account-model';
import type { BlindSpotReport } from '../../core/blind-spot';
import type { Logger } from '../../core/logger';
import { isRegionCode } from '../../core/regions';
import { coverageMapInput } from '../../report/coverage-map-model';
import type { BlindSpotsService } from '../blind-spots/blind-spots-service';
import type { AccountSessionView } from '../blind-spots/blind-spots-feature';
import { createNonce, renderCoverageMapPage } from './coverage-map-page';

/** What the map shows: the latest account scan and, when it ran, the blind-spot check. */
export interface CoverageMapData {
  readonly scan: AccountScan;
  readonly blindSpots?: BlindSpotReport;
}

export interface CoverageMapSource {
  current(): CoverageMapData | undefined;
  readonly onDidChange: vscode.Event<void>;
}

/** What integration tests read through the TagsightApi. */
export interface CoverageMapProbe {
  /** The HTML the panel set last, or undefined when no panel is open. */
  html(): string | undefined;
  /** How many times the page's script reported it ran (proves the CSP let the nonce'd script in). */
  readyCount(): number;
  /** Regions the page asked to reveal, in order. */
  revealed(): readonly string[];
}

const VIEW_TYPE = 'tagsight.coverageMap';

/** The map follows the account session's latest scan and the blind-spot check that follows it. */
export function coverageMapSource(
  session: Pick<AccountSessionView, 'scan' | 'onDidFinishScan'>,
  blindSpots: Pick<BlindSpotsService, 'report' | 'onDidChange'>,
): CoverageMapSource {
  return {
    current: () => {
      const scan = session.scan();
      return scan ? { scan, blindSpots: blindSpots.report } : undefined;
    },
    onDidChange: (listener, thisArgs, disposables) => {
      const both = vscode.Disposable.from(session.onDidFinishScan(listener, thisArgs), blindSpots.onDidChange(listener, thisArgs));
      disposables?.push(both);
      return both;
    },
  };
}

/**
 * The coverage map webview panel: one at a time, re-rendered when a scan finishes, closed with the extension.
 * Selecting a region in it runs `tagsight.revealRegion`, which shows the region in the Coverage view.
 */
export class CoverageMapPanel implements vscode.Disposable, CoverageMapProbe {
  private panel: vscode.WebviewPanel | undefined;
  private lastHtml: string | undefined;
  private ready = 0;
  private readonly revealedRegions: string[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private readonly mediaRoot: vscode.Uri;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly source: CoverageMapSource,
    private readonly logger: Logger,
  ) {
    this.mediaRoot = vscode.Uri.joinPath(extensionUri, 'media', 'map');
    this.disposables.push(source.onDidChange(() => this.render()));
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Tagsight Coverage Map', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [this.mediaRoot],
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'tagsight.svg');
    this.panel = panel;
    panel.onDidDispose(
      () => {
        this.panel = undefined;
        this.lastHtml = undefined;
      },
      undefined,
      this.disposables,
    );
    panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message), undefined, this.disposables);
    this.render();
  }

  html(): string | undefined {
    return this.lastHtml;
  }

  readyCount(): number {
    return this.ready;
  }

  revealed(): readonly string[] {
    return this.revealedRegions;
  }

  private render(): void {
    const panel = this.panel;
    if (!panel) return;
    const webview = panel.webview;
    const data = this.source.current();
    const scan = data?.scan;
    this.lastHtml = renderCoverageMapPage({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'map.css')).toString(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'map.js')).toString(),
      map: data && coverageMapInput(data.scan, data.blindSpots),
      caption:
        scan &&
        `Account ${scan.identity?.accountId ?? 'unknown'}, scanned ${formatWhen(scan.finishedAt, { now: new Date() })}${data?.blindSpots ? '' : ' (blind spots not checked yet)'}`,
      endpointNote: scan?.endpoint ? `These results come from ${scan.endpoint}, not from AWS.` : undefined,
    });
    webview.html = this.lastHtml;
  }

  private onMessage(message: unknown): void {
    if (typeof message !== 'object' || message === null) return;
    const { type, region } = message as { type?: unknown; region?: unknown };
    if (type === 'ready') {
      this.ready++;
      return;
    }
    // The page is ours, but treat what it sends as input: only a well-formed region code goes on.
    if (type === 'revealRegion' && typeof region === 'string' && isRegionCode(region)) {
      this.revealedRegions.push(region);
      void vscode.commands.executeCommand('tagsight.revealRegion', region).then(undefined, (error: unknown) => {
        this.logger.error(`Could not reveal ${region} in the Coverage view`, error);
      });
    }
  }

  dispose(): void {
    this.panel?.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

/** Registers `tagsight.showCoverageMap`; the returned panel owner is disposed with the extension. */
export function registerCoverageMap(context: vscode.ExtensionContext, source: CoverageMapSource, logger: Logger): CoverageMapPanel {
  const owner = new CoverageMapPanel(context.extensionUri, source, logger);
  context.subscriptions.push(
    owner,
    vscode.commands.registerCommand('tagsight.showCoverageMap', () => owner.show()),
  );
  return owner;
}
