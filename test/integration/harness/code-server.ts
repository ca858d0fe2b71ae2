/**
 * Starts and stops code-server (VS Code's server and browser workbench) for tests and the demo. It runs in its
 * own process group so that stop() also ends its extension host and other children, on every exit path.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { HARNESS_PACKAGE, REPO_ROOT } from './paths';
import { onExitKill } from './cleanup';
import { waitFor } from '../../support/wait-for';

const CODE_SERVER_ENTRY = path.join(HARNESS_PACKAGE, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const LISTENING = /HTTP server listening on (http:\/\/127\.0\.0\.1:(\d+))\//;

export interface CodeServerDirs {
  /** VS Code's user data (settings, state, logs). Keep the path short: code-server puts a socket in it. */
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** HOME and XDG_* for code-server and everything it starts. */
  readonly homeDir: string;
}

export interface CodeServerOptions extends CodeServerDirs {
  /** Extra environment for code-server and its extension host (AWS endpoint, harness variables). */
  readonly env: Readonly<Record<string, string>>;
  /** code-server's own output goes here (append). */
  readonly logFile: string;
  readonly startTimeoutMs?: number;
  /**
   * Listen on this port (default: one the OS picks). The workbench keys a folder's workspace storage by its URI,
   * port included: a run that reopens a workspace with what the previous run stored uses that run's port.
   */
  readonly port?: number;
}

export interface RunningCodeServer {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly port: number;
  readonly process: ChildProcess;
  /** Resolves when code-server exits, with its exit code or signal. */
  readonly exited: Promise<string>;
  stop(): Promise<void>;
}

/** The environment every code-server gets: isolated HOME, no marketplace, no inherited AWS identity. */
export function codeServerEnv(dirs: CodeServerDirs, extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    // Never let a developer's real AWS identity or endpoints reach a test or the demo.
    if (key.startsWith('AWS_')) delete env[key];
  }
  delete env.VSCODE_IPC_HOOK_CLI;
  return {
    ...env,
    HOME: dirs.homeDir,
    XDG_CONFIG_HOME: path.join(dirs.homeDir, '.config'),
    XDG_DATA_HOME: path.join(dirs.homeDir, '.local', 'share'),
    XDG_CACHE_HOME: path.join(dirs.homeDir, '.cache'),
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
}

/** User settings that keep the workbench quiet and deterministic. */
export const BASE_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'git.enabled': false,
  'window.commandCenter': false,
  // The emulator and the screenshot channel listen on local ports: no "port forwarded" toasts in screenshots.
  'remote.autoForwardPorts': false,
  'workbench.colorTheme': 'Default Dark Modern',
};

/**
 * Writes settings to the User file (what a local VS Code reads) and to the Machine file (what a remote window,
 * which code-server's always is, reads for machine-scoped settings). Each file ignores what it cannot hold.
 */
export function writeSettings(userDataDir: string, settings: Readonly<Record<string, unknown>>): void {
  for (const folder of ['User', 'Machine']) {
    fs.mkdirSync(path.join(userDataDir, folder), { recursive: true });
    fs.writeFileSync(path.join(userDataDir, folder, 'settings.json'), JSON.stringify(settings, null, 2));
  }
}

/**
 * The working tree (the extension under development), seen through a symlink in `dir`. code-server lives in the
 * working tree's node_modules, and with a development path that contains the built-in themes the workbench
 * ignores `workbench.colorTheme`; through the link the paths no longer nest, so the configured theme applies.
 */
export function linkWorkingTree(dir: string): string {
  const link = path.join(dir, 'tagsight');
  fs.symlinkSync(REPO_ROOT, link, 'dir');
  return link;
}

function commonArgs(dirs: CodeServerDirs): string[] {
  return [
    '--user-data-dir',
    dirs.userDataDir,
    '--extensions-dir',
    dirs.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-proxy',
  ];
}

/** code-server lives in the harness package, which the root `npm ci` does not install: say how to get it. */
function codeServerEntry(): string {
  if (!fs.existsSync(CODE_SERVER_ENTRY)) {
    throw new Error(
      `code-server is not installed (${CODE_SERVER_ENTRY}): run scripts/bootstrap.sh, which installs the harness package in test/integration`,
    );
  }
  return CODE_SERVER_ENTRY;
}

/** Installs a .vsix into `dirs.extensionsDir` offline (code-server's --install-extension). */
export async function installVsix(vsix: string, dirs: CodeServerDirs): Promise<string> {
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    [codeServerEntry(), ...commonArgs(dirs), '--install-extension', vsix],
    { env: codeServerEnv(dirs, {}), timeout: 120_000 },
  );
  return `${stdout}${stderr}`;
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  for (const dir of [options.userDataDir, options.extensionsDir, options.homeDir]) fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = fs.openSync(options.logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      codeServerEntry(),
      '--auth',
      'none',
      // Port 0: the OS picks a free port and code-server tells us which; no race with other runs.
      '--bind-addr',
      `127.0.0.1:${options.port ?? 0}`,
      ...commonArgs(options),
      '--ignore-last-opened',
    ],
    { env: codeServerEnv(options, options.env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('Could not start code-server');
  const forget = onExitKill(pid);
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `exit code ${code}`));
  });

  let stopping: Promise<void> | undefined;
  // Idempotent: a signal handler and the normal exit path may both stop the same server.
  const stop = () => (stopping ??= stopNow());
  const stopNow = async () => {
    forget();
    killGroup(pid, 'SIGTERM');
    const done = await Promise.race([exited.then(() => true), delay(5_000).then(() => false)]);
    if (!done) killGroup(pid, 'SIGKILL');
    // The extension host may outlive the server for a moment; the group kill reaches it too.
    killGroup(pid, 'SIGKILL');
    fs.closeSync(log);
  };

  try {
    const origin = await new Promise<string>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(
        () => reject(new Error(`code-server did not listen within ${options.startTimeoutMs ?? 60_000} ms; see ${options.logFile}`)),
        options.startTimeoutMs ?? 60_000,
      );
      const onData = (chunk: Buffer) => {
        fs.writeSync(log, chunk);
        seen += chunk.toString();
        const match = LISTENING.exec(seen);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => fs.writeSync(log, chunk));
      void exited.then((how) => {
        clearTimeout(timer);
        reject(new Error(`code-server ended before listening (${how}); see ${options.logFile}`));
      });
    });
    // Keep draining the pipes into the log for the rest of the run.
    child.stdout?.removeAllListeners('data');
    child.stdout?.on('data', (chunk: Buffer) => writeQuietly(log, chunk));
    child.stderr?.removeAllListeners('data');
    child.stderr?.on('data', (chunk: Buffer) => writeQuietly(log, chunk));
    await waitForHealth(origin, options.startTimeoutMs ?? 60_000);
    return { origin, port: Number(new URL(origin).port), process: child, exited, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForHealth(origin: string, timeoutMs: number): Promise<void> {
  // A refused connection (not up yet) is retried like a non-OK answer.
  await waitFor(async () => (await fetch(`${origin}/healthz`)).ok, {
    timeoutMs,
    intervalMs: 200,
    message: `code-server at ${origin} to answer /healthz`,
  });
}

function writeQuietly(fd: number, chunk: Buffer): void {
  try {
    fs.writeSync(fd, chunk);
  } catch {
    // the log was closed by stop(); late output is not worth a crash
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
