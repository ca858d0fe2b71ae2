import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PackageManager, listFiles } from '@vscode/vsce';
import { parse, type ParseError } from 'jsonc-parser';

/**
 * The dev loop of CONTRIBUTING.md holds together: F5 runs the default build task, which runs npm scripts that
 * exist, with the problem matchers that link their errors; and the .vscode folder is in git but not in the VSIX.
 */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

function readJsonc<T>(file: string): T {
  const errors: ParseError[] = [];
  const value = parse(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'), errors, { allowTrailingComma: false }) as T;
  assert.deepEqual(errors, [], `${file} is not valid JSON with comments`);
  return value;
}

interface Task {
  label: string;
  type?: string;
  script?: string;
  dependsOn?: string[];
  problemMatcher?: string;
  isBackground?: boolean;
  group?: string | { kind: string; isDefault?: boolean };
}

describe('dev loop: .vscode/launch.json and tasks.json', () => {
  const scripts = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts;
  const tasks = readJsonc<{ tasks: Task[] }>('.vscode/tasks.json').tasks;

  it('"Run Extension" opens the demo workspace with this working tree after the default build task', () => {
    const launch = readJsonc<{
      configurations: Array<{ name: string; type: string; args: string[]; preLaunchTask?: string; outFiles: string[] }>;
    }>('.vscode/launch.json');
    const run = launch.configurations.find((configuration) => configuration.name === 'Run Extension');
    assert.ok(run, 'no "Run Extension" configuration');
    assert.equal(run.type, 'extensionHost');
    assert.ok(run.args.includes('--extensionDevelopmentPath=${workspaceFolder}'));
    const workspace = run.args.find((arg) => !arg.startsWith('--'));
    assert.ok(workspace, 'no workspace folder is opened');
    assert.ok(fs.existsSync(path.join(REPO_ROOT, workspace.replace('${workspaceFolder}', ''))), `${workspace} does not exist`);
    assert.equal(run.preLaunchTask, '${defaultBuildTask}');
    assert.deepEqual(run.outFiles, ['${workspaceFolder}/dist/**/*.js']);
  });

  it('the default build task runs npm run watch with the esbuild problem matcher, and a type-check watch', () => {
    const defaults = tasks.filter((task) => typeof task.group === 'object' && task.group.kind === 'build' && task.group.isDefault);
    assert.equal(defaults.length, 1, 'exactly one default build task');
    const parts = defaults[0]!.dependsOn!.map((label) => tasks.find((task) => task.label === label));
    assert.ok(
      parts.every((task) => task !== undefined),
      'dependsOn names a task that does not exist',
    );
    const byScript = new Map(parts.map((task) => [task!.script, task!]));
    assert.equal(byScript.get('watch')?.problemMatcher, '$esbuild-watch');
    assert.equal(byScript.get('watch:types')?.problemMatcher, '$tsc-watch');
    for (const task of parts) {
      assert.equal(task!.isBackground, true, `${task!.label} must be a background task, or F5 waits forever`);
      assert.ok(scripts[task!.script!], `package.json has no script ${task!.script}`);
    }
    assert.match(scripts.watch!, /esbuild\.js --watch/);
  });

  it('.vscode is tracked but not shipped in the VSIX', async () => {
    assert.ok(
      !fs
        .readFileSync(path.join(REPO_ROOT, '.gitignore'), 'utf8')
        .split(/\r?\n/)
        .some((line) => /^\/?\.vscode\/?$/.test(line.trim())),
    );
    const shipped = await listFiles({ cwd: REPO_ROOT, packageManager: PackageManager.None });
    assert.ok(shipped.includes('package.json'), 'vsce listed no package.json: the listing did not work');
    assert.deepEqual(
      shipped.filter((file) => file.startsWith('.vscode/') || file.startsWith('test/') || file.startsWith('docs/')),
      [],
    );
  });
});
