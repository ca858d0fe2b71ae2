// The GitHub Action's work (action.yml runs this with Node, no dependencies): `tagsight check` on the repository
// (and a Terraform plan JSON) into one SARIF file for code scanning, the same check on the pull request's base
// commit, and a job summary that lists the findings the pull request adds. Findings are matched by the
// fingerprints Tagsight writes into SARIF (partialFingerprints "tagsightFinding/v1"), which survive unrelated
// edits; each commit is judged with its own files and policy. Plain CommonJS so that the action needs no build.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { fileURLToPath } = require('node:url');

const FINGERPRINT = 'tagsightFinding/v1';
const EXIT_USAGE = 2;

/** The inputs action.yml maps into the environment (composite actions pass no INPUT_* variables by themselves). */
function readInputs(env) {
  const words = (value) => (value ?? '').split(/\s+/).filter(Boolean);
  const failOn = (env.TAGSIGHT_FAIL_ON || 'new').trim();
  if (!['new', 'any', 'never'].includes(failOn)) throw new Error(`fail-on must be new, any or never, not "${failOn}"`);
  return {
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    paths: words(env.TAGSIGHT_PATHS).length ? words(env.TAGSIGHT_PATHS) : ['.'],
    plan: (env.TAGSIGHT_TERRAFORM_PLAN || '').trim(),
    policy: (env.TAGSIGHT_POLICY || '').trim(),
    require: (env.TAGSIGHT_REQUIRE || '').trim(),
    baseRef: (env.TAGSIGHT_BASE_REF || '').trim(),
    sarifFile: (env.TAGSIGHT_SARIF_FILE || 'tagsight.sarif').trim(),
    failOn,
    cli: (env.TAGSIGHT_CLI || '').trim(),
    version: (env.TAGSIGHT_VERSION || '').trim() || JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).version,
    summaryFile: env.GITHUB_STEP_SUMMARY,
    outputFile: env.GITHUB_OUTPUT,
  };
}

/** `tagsight` itself: a given cli.js (tests, a checkout that built it), else the npm package of this action's version. */
function cliCommand(inputs) {
  if (inputs.cli) return [process.execPath, [inputs.cli]];
  return [process.platform === 'win32' ? 'npx.cmd' : 'npx', ['--yes', `tagsight@${inputs.version}`]];
}

/** Runs `tagsight check ... --format sarif` in `cwd`; returns the parsed SARIF, or throws with the CLI's own words. */
function checkToSarif(inputs, cwd, targets) {
  const [command, prefix] = cliCommand(inputs);
  const policyArgs = [...(inputs.policy ? ['--policy', inputs.policy] : []), ...(inputs.require ? ['--require', inputs.require] : [])];
  const result = spawnSync(command, [...prefix, 'check', ...targets, '--format', 'sarif', ...policyArgs], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  // 0: clean, 1: findings; anything else is a usage or input error (bad path, malformed policy).
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`tagsight check exited ${result.status ?? result.signal}: ${(result.stderr || '').trim()}`);
  }
  return { sarif: JSON.parse(result.stdout), stdout: result.stdout, stderr: result.stderr };
}

function git(cwd, args, options = {}) {
  const result = spawnSync('git', args, { cwd, encoding: options.encoding ?? 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  return { ok: result.status === 0, stdout: result.stdout, stderr: String(result.stderr ?? '') };
}

/** The base commit's files in a temporary folder (git archive: the user's checkout and .git stay untouched). */
function checkoutBase(inputs) {
  let commit = git(inputs.workspace, ['rev-parse', '--verify', '--quiet', `${inputs.baseRef}^{commit}`]);
  if (!commit.ok) {
    // actions/checkout fetches one commit by default: fetch the base too.
    const fetched = git(inputs.workspace, ['fetch', '--no-tags', '--depth=1', 'origin', inputs.baseRef]);
    if (!fetched.ok) throw new Error(`cannot fetch the base ${inputs.baseRef}: ${fetched.stderr.trim()}`);
    commit = git(inputs.workspace, ['rev-parse', '--verify', 'FETCH_HEAD^{commit}']);
    if (!commit.ok) throw new Error(`cannot resolve the base ${inputs.baseRef}`);
  }
  const sha = commit.stdout.trim();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-base-'));
  const tar = path.join(dir, 'base.tar');
  const archive = git(inputs.workspace, ['archive', '--format=tar', `--output=${tar}`, sha]);
  if (!archive.ok) throw new Error(`git archive ${sha} failed: ${archive.stderr.trim()}`);
  const tree = path.join(dir, 'tree');
  fs.mkdirSync(tree);
  const untar = spawnSync('tar', ['-xf', tar, '-C', tree], { encoding: 'utf8' });
  if (untar.status !== 0) throw new Error(`cannot unpack the base commit: ${untar.stderr.trim()}`);
  return { sha, dir, tree };
}

/** One row per SARIF result: where (relative to `root`, with /), which rule, what, and its fingerprint. */
function findingsOf(sarif, root) {
  const run = sarif.runs?.[0];
  return (run?.results ?? []).map((result) => {
    const location = result.locations?.[0]?.physicalLocation;
    // Files under the checked folder are relative to %SRCROOT%; others (a plan written outside it) are file:// URIs.
    const uri = location?.artifactLocation?.uri ?? '';
    const file = uri.startsWith('file:') ? path.relative(root, fileURLToPath(uri)).split(path.sep).join('/') : decodeURIComponent(uri);
    return {
      file,
      line: location?.region?.startLine ?? 1,
      rule: result.ruleId,
      level: result.level,
      message: result.message?.text ?? '',
      fingerprint: result.partialFingerprints?.[FINGERPRINT],
    };
  });
}

/** A Markdown table cell: a pipe or newline would break the row, an angle bracket would become HTML on GitHub. */
function cell(text) {
  return String(text)
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function table(findings) {
  const rows = findings.map((f) => `| \`${cell(f.file)}\` | ${f.line} | \`${cell(f.rule)}\` | ${cell(f.message)} |`);
  return ['| File | Line | Rule | Finding |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

function plural(count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The job summary: findings new in the pull request first, then the plan's, then those the base already had. */
function summaryMarkdown({ fresh, existing, plan, base, baseError, total }) {
  const lines = ['## Tagsight', ''];
  if (base) {
    lines.push(
      fresh.length
        ? `**${plural(fresh.length, 'new finding')}** in this pull request (${total} in all; ${existing.length} already on the base commit \`${base.sha.slice(0, 12)}\`).`
        : `No new findings in this pull request (${total} in all, ${existing.length} already on the base commit \`${base.sha.slice(0, 12)}\`).`,
    );
  } else if (baseError) {
    lines.push(`The base commit could not be checked (${cell(baseError)}), so no finding is known to be old: all ${total} are listed.`);
  } else {
    lines.push(total ? `${plural(total, 'finding')} (no pull request base to compare with).` : 'No findings.');
  }
  if (fresh.length) lines.push('', base ? '### New in this pull request' : '### Findings', '', table(fresh));
  if (plan.length)
    lines.push(
      '',
      '### In the Terraform plan',
      '',
      'The plan describes what this change deploys; it has no base to compare with.',
      '',
      table(plan),
    );
  if (existing.length)
    lines.push('', `<details><summary>Already on the base commit (${existing.length})</summary>`, '', table(existing), '', '</details>');
  return lines.join('\n') + '\n';
}

function main() {
  const inputs = readInputs(process.env);
  const planTarget = inputs.plan ? [inputs.plan] : [];
  const head = checkToSarif(inputs, inputs.workspace, [...inputs.paths, ...planTarget]);
  fs.mkdirSync(path.dirname(path.resolve(inputs.workspace, inputs.sarifFile)), { recursive: true });
  fs.writeFileSync(path.resolve(inputs.workspace, inputs.sarifFile), head.stdout);
  if (head.stderr.trim()) process.stderr.write(head.stderr);

  const planFile = inputs.plan
    ? path.relative(inputs.workspace, path.resolve(inputs.workspace, inputs.plan)).split(path.sep).join('/')
    : undefined;
  const all = findingsOf(head.sarif, inputs.workspace);
  const plan = all.filter((f) => f.file === planFile);
  const repository = all.filter((f) => f.file !== planFile);

  let base;
  let baseError;
  let baseFingerprints = new Set();
  if (inputs.baseRef) {
    try {
      base = checkoutBase(inputs);
      // Paths the pull request adds do not exist on the base: check only those that do.
      const targets = inputs.paths.filter((target) => fs.existsSync(path.resolve(base.tree, target)));
      if (targets.length)
        baseFingerprints = new Set(findingsOf(checkToSarif(inputs, base.tree, targets).sarif, base.tree).map((f) => f.fingerprint));
    } catch (error) {
      baseError = error instanceof Error ? error.message : String(error);
      base = undefined;
    } finally {
      if (base) fs.rmSync(base.dir, { recursive: true, force: true });
    }
  }
  const fresh = base ? repository.filter((f) => !baseFingerprints.has(f.fingerprint)) : repository;
  const existing = base ? repository.filter((f) => baseFingerprints.has(f.fingerprint)) : [];

  const markdown = summaryMarkdown({ fresh, existing, plan, base, baseError, total: all.length });
  if (inputs.summaryFile) fs.appendFileSync(inputs.summaryFile, markdown);
  else process.stdout.write(markdown);

  // New findings, and the plan's (new by nature), decide fail-on: new; every finding decides fail-on: any.
  const failing = inputs.failOn === 'never' ? 0 : inputs.failOn === 'any' ? all.length : fresh.length + plan.length;
  const outputs = {
    'sarif-file': inputs.sarifFile,
    findings: String(all.length),
    'new-findings': String(fresh.length + plan.length),
    failed: String(failing > 0),
  };
  if (inputs.outputFile)
    fs.appendFileSync(
      inputs.outputFile,
      Object.entries(outputs)
        .map(([key, value]) => `${key}=${value}\n`)
        .join(''),
    );
  process.stdout.write(
    `tagsight: ${plural(all.length, 'finding')}, ${fresh.length + plan.length} new${baseError ? ` (base not checked: ${baseError})` : ''}\n`,
  );
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`::error title=Tagsight::${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = EXIT_USAGE;
}
