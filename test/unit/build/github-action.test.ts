/**
 * The GitHub Action (action.yml) run step by step on a git fixture repository, as a runner would: inputs and
 * `${{ }}` expressions filled in, each `run` step in bash with GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY and
 * GITHUB_OUTPUT pointing at temp files, step outputs read back for later steps. `uses:` steps (the SARIF upload)
 * need GitHub and are checked for what they are given, not run. The CLI is this checkout's bundle (TAGSIGHT_CLI),
 * since the npm package of this version is not fetched offline.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

interface ActionStep {
  readonly id?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly with?: Record<string, string>;
  readonly run?: string;
  readonly shell?: string;
  readonly env?: Record<string, string>;
}
interface ActionManifest {
  readonly inputs: Record<string, { default?: string }>;
  readonly runs: { using: string; steps: ActionStep[] };
}

interface RunnerContext {
  readonly inputs: Record<string, string>;
  readonly baseSha: string;
  readonly workspace: string;
  readonly cli: string;
}

interface ActionRun {
  readonly failed: boolean;
  readonly summary: string;
  readonly outputs: Record<string, string>;
  readonly uploads: ActionStep[];
  readonly log: string;
}

const manifest = parse(fs.readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as ActionManifest;

/** The few expression forms action.yml uses; anything else fails the test, so the evaluator never guesses. */
function evaluate(
  expression: string,
  context: RunnerContext,
  steps: Record<string, Record<string, string>>,
  inputs: Record<string, string>,
): string {
  const value = (reference: string): string => {
    const ref = reference.trim();
    let match: RegExpExecArray | null;
    if ((match = /^'([^']*)'$/.exec(ref))) return match[1]!;
    if ((match = /^inputs\.([\w-]+)$/.exec(ref))) return inputs[match[1]!] ?? '';
    if ((match = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(ref))) return steps[match[1]!]?.[match[2]!] ?? '';
    if (ref === 'github.action_path') return REPO_ROOT;
    if (ref === 'github.event.pull_request.base.sha') return context.baseSha;
    throw new Error(`the test's evaluator does not know ${ref}`);
  };
  const condition = (text: string): boolean =>
    text.split('&&').every((term) => {
      const trimmed = term.trim();
      if (trimmed === 'always()') return true;
      const match = /^(.+?)\s*(==|!=)\s*(.+)$/.exec(trimmed);
      if (!match) throw new Error(`the test's evaluator does not know the condition ${trimmed}`);
      return (value(match[1]!) === value(match[3]!)) === (match[2] === '==');
    });
  const whole = /^\$\{\{(.*)\}\}$/s.exec(expression.trim());
  if (whole && /(&&|==|!=|always\(\))/.test(whole[1]!)) return String(condition(whole[1]!));
  if (!expression.includes('${{') && /(&&|==|!=|always\(\))/.test(expression)) return String(condition(expression));
  return expression.replace(/\$\{\{(.*?)\}\}/g, (_, reference: string) => value(reference));
}

function runAction(context: RunnerContext): ActionRun {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-runner-'));
  const summaryFile = path.join(work, 'step-summary.md');
  fs.writeFileSync(summaryFile, '');
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(manifest.inputs)) inputs[name] = context.inputs[name] ?? input.default ?? '';
  for (const [name, input] of Object.entries(inputs)) inputs[name] = evaluate(input, context, {}, inputs);
  const steps: Record<string, Record<string, string>> = {};
  const uploads: ActionStep[] = [];
  let failed = false;
  let log = '';
  for (const [index, step] of manifest.runs.steps.entries()) {
    // Like the runner: a step without if: runs only while nothing failed; always() runs regardless.
    const condition = step.if ?? 'success()';
    const runs =
      condition === 'success()'
        ? !failed
        : !(failed && !condition.includes('always()')) && evaluate(condition, context, steps, inputs) === 'true';
    if (!runs) continue;
    if (step.uses) {
      uploads.push({
        ...step,
        with: Object.fromEntries(Object.entries(step.with ?? {}).map(([key, value]) => [key, evaluate(value, context, steps, inputs)])),
      });
      continue;
    }
    assert.equal(step.shell, 'bash', `step ${index} names its shell`);
    const outputFile = path.join(work, `output-${index}`);
    fs.writeFileSync(outputFile, '');
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: os.tmpdir() };
    for (const [key, value] of Object.entries(step.env ?? {})) env[key] = evaluate(value, context, steps, inputs);
    Object.assign(env, {
      GITHUB_WORKSPACE: context.workspace,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: outputFile,
      TAGSIGHT_CLI: context.cli,
    });
    const result = spawnSync('bash', ['-e', '-c', evaluate(step.run ?? '', context, steps, inputs)], {
      cwd: context.workspace,
      env,
      encoding: 'utf8',
    });
    log += result.stdout + result.stderr;
    if (step.id) {
      steps[step.id] = Object.fromEntries(
        fs
          .readFileSync(outputFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]),
      );
    }
    if (result.status !== 0) failed = true;
  }
  const summary = fs.readFileSync(summaryFile, 'utf8');
  fs.rmSync(work, { recursive: true, force: true });
  return { failed, summary, outputs: steps.check ?? {}, uploads, log };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();
}

const bucket = (name: string, tags = '{ Team = "data" }') =>
  `resource "aws_s3_bucket" "${name}" {\n  bucket = "${name}"\n  tags   = ${tags}\n}\n`;
const PLAN = JSON.stringify({
  format_version: '1.2',
  terraform_version: '1.9.5',
  planned_values: {
    root_module: {
      resources: [
        {
          address: 'aws_s3_bucket.planned',
          mode: 'managed',
          type: 'aws_s3_bucket',
          name: 'planned',
          values: { tags_all: { Team: 'data' } },
        },
      ],
    },
  },
});

describe('GitHub Action (action.yml) on a fixture repository', function () {
  this.timeout(180_000);
  let work: string;
  let repo: string;
  let cli: string;
  let baseSha: string;

  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-action-'));
    execFileSync(process.execPath, ['esbuild.js', `--outdir=${path.join(work, 'dist')}`], { cwd: REPO_ROOT, stdio: 'pipe' });
    cli = path.join(work, 'dist', 'cli.js');
    repo = path.join(work, 'repo');
    fs.mkdirSync(path.join(repo, 'infra'), { recursive: true });
    git(repo, 'init', '--quiet', '--initial-branch=main');
    fs.writeFileSync(path.join(repo, 'tag-policy.json'), '{"tags":{"owner":{"tag_key":{"@@assign":"Owner"}}}}\n');
    fs.writeFileSync(path.join(repo, 'infra', 'main.tf'), bucket('old'));
    git(repo, 'add', '.');
    git(repo, 'commit', '--quiet', '-m', 'base: one bucket without Owner');
    baseSha = git(repo, 'rev-parse', 'HEAD');
    // The pull request: a line above the old bucket (its finding moves but stays the same), a new untagged bucket,
    // a tagged one, and a whole new folder the base does not have.
    fs.writeFileSync(
      path.join(repo, 'infra', 'main.tf'),
      `# storage\n${bucket('old')}\n${bucket('added')}\n${bucket('tagged', '{ Owner = "me" }')}`,
    );
    fs.mkdirSync(path.join(repo, 'new-stack'));
    fs.writeFileSync(path.join(repo, 'new-stack', 'main.tf'), bucket('fresh'));
    git(repo, 'add', '.');
    git(repo, 'commit', '--quiet', '-m', 'head: more buckets');
  });

  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('lists only the findings the pull request adds, writes SARIF for the upload, and fails on new findings', () => {
    const run = runAction({ inputs: {}, baseSha, workspace: repo, cli });
    assert.match(run.summary, /^## Tagsight$/m);
    assert.match(run.summary, /\*\*2 new findings\*\* in this pull request \(3 in all; 1 already on the base commit `[0-9a-f]{12}`\)/);
    const [fresh, old] = run.summary.split('<details>');
    assert.match(fresh!, /\| `infra\/main\.tf` \| 9 \| `tagsight\.missing-tags` \| aws_s3_bucket\.added /);
    assert.match(fresh!, /\| `new-stack\/main\.tf` \| 3 \| `tagsight\.missing-tags` \| aws_s3_bucket\.fresh /);
    assert.doesNotMatch(fresh!, /aws_s3_bucket\.(old|tagged)/);
    assert.match(old!, /Already on the base commit \(1\)/);
    assert.match(old!, /aws_s3_bucket\.old/);
    assert.deepEqual(
      { sarif: run.outputs['sarif-file'], findings: run.outputs.findings, fresh: run.outputs['new-findings'], failed: run.outputs.failed },
      { sarif: 'tagsight.sarif', findings: '3', fresh: '2', failed: 'true' },
    );
    const sarif = JSON.parse(fs.readFileSync(path.join(repo, 'tagsight.sarif'), 'utf8')) as {
      version: string;
      runs: { results: unknown[] }[];
    };
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0]!.results.length, 3);
    assert.deepEqual(
      run.uploads.map((step) => [step.uses?.split('@')[0], step.with]),
      [['github/codeql-action/upload-sarif', { sarif_file: 'tagsight.sarif', category: 'tagsight' }]],
    );
    assert.ok(run.failed, 'fail-on: new fails the job');
    assert.match(run.log, /::error title=Tagsight::fail-on: new; 2 new of 3 findings/);
    assert.equal(git(repo, 'status', '--porcelain', '--untracked-files=no'), '', 'the checkout is left as it was');
  });

  it("adds the Terraform plan's findings in their own section, and with fail-on never passes", () => {
    // The plan is generated in CI into the checkout, never committed: the base commit has none.
    fs.writeFileSync(path.join(repo, 'plan.json'), PLAN);
    let run: ActionRun;
    try {
      run = runAction({
        inputs: { 'terraform-plan': 'plan.json', 'fail-on': 'never', 'sarif-file': 'out/tagsight.sarif' },
        baseSha,
        workspace: repo,
        cli,
      });
    } finally {
      fs.rmSync(path.join(repo, 'plan.json'));
    }
    assert.match(run.summary, /### In the Terraform plan/);
    assert.match(run.summary.split('### In the Terraform plan')[1]!, /aws_s3_bucket\.planned/);
    assert.equal(run.outputs.findings, '4');
    assert.equal(run.outputs['new-findings'], '3');
    assert.equal(run.outputs.failed, 'false');
    assert.ok(!run.failed, 'fail-on: never never fails the job');
    assert.ok(fs.existsSync(path.join(repo, 'out', 'tagsight.sarif')));
  });

  it('without a pull request base lists every finding as found, not as new', () => {
    const run = runAction({ inputs: { 'base-ref': '', 'upload-sarif': 'false' }, baseSha: '', workspace: repo, cli });
    assert.match(run.summary, /3 findings \(no pull request base to compare with\)\./);
    assert.doesNotMatch(run.summary, /new finding|Already on the base/);
    assert.deepEqual(run.uploads, [], 'upload-sarif: false skips the upload');
  });

  it('says so when the base cannot be checked, and counts every finding as possibly new', () => {
    const run = runAction({ inputs: { 'base-ref': 'no-such-ref' }, baseSha, workspace: repo, cli });
    assert.match(
      run.summary,
      /The base commit could not be checked \(cannot fetch the base no-such-ref: .*\), so no finding is known to be old: all 3 are listed\./,
    );
    assert.equal(run.outputs['new-findings'], '3');
    assert.ok(run.failed);
  });

  it("the README's copy-paste workflow uses this action with inputs it has, and documents every input", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.split(/^## Use in CI$/m)[1]?.split(/^## /m)[0];
    assert.ok(section, 'README has a "Use in CI" section');
    const workflowYaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    const workflow = parse(workflowYaml ?? '') as {
      permissions: Record<string, string>;
      jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>;
    };
    const step = Object.values(workflow.jobs)
      .flatMap((job) => job.steps)
      .find((candidate) => candidate.uses?.startsWith('tagsight/tagsight@'));
    assert.ok(step, 'the workflow uses the action');
    for (const key of Object.keys(step.with ?? {})) assert.ok(key in manifest.inputs, `${key} is an input of action.yml`);
    assert.equal(workflow.permissions['security-events'], 'write', 'the SARIF upload needs security-events: write');
    for (const input of Object.keys(manifest.inputs)) assert.ok(section.includes(`\`${input}\``), `README documents the input ${input}`);
  });
});
