import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { getApi, waitFor, workspaceFile } from '../helpers';

/**
 * The background workspace check in the real editor: a file system other than the local disk (a remote-like
 * scheme served by a FileSystemProvider) is read through workspace.fs; a second pass answers unchanged files from
 * the findings cache; a change to a module's provider file re-checks that file and the files of its module, and
 * nothing else.
 */
const REMOTE_SCHEME = 'tagsight-remote-test';

function tagDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'Tagsight' && (typeof d.code === 'object' ? d.code.value : d.code) === 'tagsight.missing-tags');
}

/** A read-only in-memory file system, standing in for a remote one; it counts what it was asked for. */
class RemoteLikeFileSystem implements vscode.FileSystemProvider {
  readonly reads: string[] = [];
  private readonly files = new Map<string, Uint8Array>();
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;

  add(path: string, text: string): vscode.Uri {
    this.files.set(path, new TextEncoder().encode(text));
    return vscode.Uri.from({ scheme: REMOTE_SCHEME, path });
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const bytes = this.files.get(uri.path);
    if (!bytes) throw vscode.FileSystemError.FileNotFound(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: bytes.length };
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const bytes = this.files.get(uri.path);
    if (!bytes) throw vscode.FileSystemError.FileNotFound(uri);
    this.reads.push(uri.path);
    return bytes;
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [...this.files.keys()].map((path) => [path.slice(1), vscode.FileType.File]);
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}

export function register(): void {
  describe('Workspace check', function () {
    this.timeout(60_000);

    before(async () => {
      const api = await getApi();
      await api.iacChecks.ready;
      await waitFor(() => api.iacChecks.workspaceCheck.lastResult, { timeoutMs: 30_000, message: 'the first pass to end' });
    });

    it('reads a file of a remote-like file system through workspace.fs and reports its findings', async () => {
      const api = await getApi();
      const fileSystem = new RemoteLikeFileSystem();
      const registration = vscode.workspace.registerFileSystemProvider(REMOTE_SCHEME, fileSystem, { isReadonly: true });
      try {
        const uri = fileSystem.add(
          '/repo/template.yaml',
          ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:', '  Logs:', '    Type: AWS::S3::Bucket', ''].join('\n'),
        );
        const result = await api.iacChecks.workspaceCheck.checkFiles([uri]);
        assert.deepEqual({ iac: result.iacFiles, read: result.filesRead }, { iac: 1, read: 1 });
        assert.deepEqual(fileSystem.reads, ['/repo/template.yaml'], 'read once, through the provider');
        const [diagnostic] = tagDiagnostics(uri);
        assert.ok(diagnostic, 'the missing-tags diagnostic on the remote file');
        assert.match(diagnostic.message, /Logs/);
        assert.match(diagnostic.message, /"CostCenter", "Owner"|"Owner", "CostCenter"/);
      } finally {
        registration.dispose();
      }
    });

    it('answers every unchanged file from the findings cache in the next pass', async () => {
      const api = await getApi();
      const first = api.iacChecks.workspaceCheck.lastResult!;
      const second = await api.iacChecks.workspaceCheck.checkAll();
      assert.ok(second, 'the pass ran');
      assert.equal(second.filesRead, 6, 'the five handled files and the policy file (JSON) are read');
      assert.equal(second.cacheHits, second.filesRead, 'nothing changed: nothing analysed again');
      assert.deepEqual({ iac: second.iacFiles, findings: second.findings }, { iac: first.iacFiles, findings: first.findings });
      assert.equal(tagDiagnostics(workspaceFile('other', 'main.tf')).length, 1, 'the queue still lacks its tags');
      const cacheFile = api.iacChecks.workspaceCheck.cacheFile;
      assert.ok(cacheFile, 'the workspace has extension storage for the cache');
      // JSON lines: a header, then one [file, entry] per file.
      const lines = new TextDecoder()
        .decode(await vscode.workspace.fs.readFile(cacheFile))
        .split('\n')
        .filter(Boolean);
      const files = lines
        .slice(1)
        .map((line) => vscode.workspace.asRelativePath(vscode.Uri.parse((JSON.parse(line) as [string, unknown])[0])));
      assert.deepEqual(
        files.sort(),
        ['env/main.tf', 'env/providers.tf', 'other/app.js', 'other/main.tf', 'other/template.yaml', 'tag-policy.json'],
        `every file read is in the stored cache (${cacheFile.toString()})`,
      );
    });

    it('re-checks a changed provider file with the files of its module, and nothing else', async () => {
      const api = await getApi();
      const main = workspaceFile('env', 'main.tf');
      assert.equal(tagDiagnostics(main).length, 0, "Owner comes from the provider's default_tags");
      const analysed: string[] = [];
      const listener = api.iacChecks.workspaceCheck.onDidAnalyze((uri) => analysed.push(vscode.workspace.asRelativePath(uri)));
      try {
        const providers = workspaceFile('env', 'providers.tf');
        await vscode.workspace.fs.writeFile(providers, new TextEncoder().encode('provider "aws" {\n  region = "eu-west-1"\n}\n'));
        const [diagnostic] = await waitFor(() => (tagDiagnostics(main).length ? tagDiagnostics(main) : undefined), {
          timeoutMs: 20_000,
          message: 'main.tf to lack Owner once the default tags are gone',
        });
        assert.match(diagnostic!.message, /"Owner"/);
        await api.iacChecks.workspaceCheck.settled();
        assert.deepEqual([...new Set(analysed)].sort(), ['env/main.tf', 'env/providers.tf']);
      } finally {
        listener.dispose();
      }
    });
  });
}
