/**
 * The extension's manifest as the Marketplace and VS Code read it: gallery fields, the Getting Started walkthrough
 * (every button runs a command that exists, every media file ships), and activation events that start Tagsight
 * for IaC and plan files without a file being opened and for the languages in which a file can create a bucket.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzersFor, createAnalyzers } from '../../../src/analyzers/registry';
import { globToRegExp } from '../../../src/core/glob';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  media: { image?: string; markdown?: string; altText?: string };
  completionEvents?: string[];
}
interface Manifest {
  icon: string;
  galleryBanner: { color: string; theme: string };
  categories: string[];
  keywords: string[];
  activationEvents: string[];
  contributes: {
    commands: { command: string }[];
    views: Record<string, { id: string }[]>;
    walkthroughs: { id: string; title: string; steps: WalkthroughStep[] }[];
  };
}
const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;

/** The Marketplace's categories (vsce rejects others). */
const MARKETPLACE_CATEGORIES = new Set([
  'AI',
  'Azure',
  'Chat',
  'Data Science',
  'Debuggers',
  'Education',
  'Extension Packs',
  'Formatters',
  'Keymaps',
  'Language Packs',
  'Linters',
  'Machine Learning',
  'Notebooks',
  'Other',
  'Programming Languages',
  'SCM Providers',
  'Snippets',
  'Testing',
  'Themes',
  'Visualization',
]);

function pngSize(file: string): { width: number; height: number } {
  const data = fs.readFileSync(file);
  assert.equal(data.subarray(1, 4).toString('ascii'), 'PNG', `${file} is a PNG`);
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

describe('extension manifest', () => {
  it("has the Marketplace's gallery fields: a 128x128 PNG icon, a banner, categories and keywords", () => {
    assert.deepEqual(pngSize(path.join(REPO_ROOT, manifest.icon)), { width: 128, height: 128 });
    assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
    assert.ok(
      manifest.categories.length > 0 && manifest.categories.every((category) => MARKETPLACE_CATEGORIES.has(category)),
      manifest.categories.join(),
    );
    // vsce refuses more than 30 keywords.
    assert.ok(manifest.keywords.length > 0 && manifest.keywords.length <= 30);
  });

  describe('Getting Started walkthrough', () => {
    const walkthrough = manifest.contributes.walkthroughs[0]!;
    const buttons = walkthrough.steps.flatMap((step) =>
      [...step.description.matchAll(/\]\(command:([\w.]+)\)/g)].map((match) => match[1]!),
    );

    it('has buttons that open the demo, select a profile and open the views', () => {
      for (const command of ['tagsight.useDemoAccount', 'tagsight.selectProfile', 'tagsight.coverage.focus']) {
        assert.ok(buttons.includes(command), `a step's button runs ${command}`);
      }
    });

    it('runs only commands that exist (contributed ones, or the focus command VS Code makes per view)', () => {
      const commands = new Set(manifest.contributes.commands.map((command) => command.command));
      for (const views of Object.values(manifest.contributes.views)) for (const view of views) commands.add(`${view.id}.focus`);
      assert.deepEqual(
        buttons.filter((command) => !commands.has(command)),
        [],
      );
    });

    it('shows media that exist and ships in the .vsix', () => {
      for (const step of walkthrough.steps) {
        const media = step.media.image ?? step.media.markdown;
        assert.ok(media, `step ${step.id} has media`);
        assert.ok(media.startsWith('media/'), `${media} is under media/, which .vscodeignore ships`);
        assert.ok(fs.existsSync(path.join(REPO_ROOT, media)), `${media} exists`);
        if (step.media.image) assert.ok(step.media.altText, `step ${step.id} describes its image`);
      }
    });
  });

  describe('activation events', () => {
    const events = manifest.activationEvents;
    const workspaceGlobs = events
      .filter((event) => event.startsWith('workspaceContains:'))
      .map((event) => event.slice('workspaceContains:'.length));
    /** VS Code globs with one level of braces, as a RegExp (globToRegExp takes brace-free globs). */
    const matcher = (glob: string): RegExp => {
      const braces = /\{([^{}]*)\}/.exec(glob);
      if (!braces) return globToRegExp(glob);
      const expanded = braces[1]!.split(',').map((choice) => matcher(glob.replace(braces[0], choice)).source);
      return new RegExp(expanded.map((source) => `(?:${source})`).join('|'));
    };
    const startsFor = (file: string) => workspaceGlobs.some((glob) => matcher(glob).test(file));

    it('never starts for every workspace', () => {
      assert.deepEqual(
        events.filter((event) => event === '*' || event === 'onStartupFinished'),
        [],
      );
    });

    it('starts by itself for Terraform, CloudFormation, plan and policy files, without one being opened', () => {
      for (const file of [
        'main.tf',
        'infra/modules/s3/main.tf',
        'stack.template',
        'sam-app/template.yaml',
        'infra/bucket.cfn.yml',
        'cdk.out/AppStack.template.json',
        'plan.json',
        'build/prod.tfplan.json',
        'tag-policy.json',
      ]) {
        assert.ok(startsFor(file), `a workspace with ${file} activates Tagsight`);
      }
      for (const file of ['package.json', 'src/index.ts', 'tsconfig.json', '.github/workflows/ci.yml']) {
        assert.ok(!startsFor(file), `${file} alone does not start the workspace check`);
      }
    });

    it('starts on opening a file of every language in which a file can create a bucket, and of no other', () => {
      const analyzers = createAnalyzers();
      const languages = events.filter((event) => event.startsWith('onLanguage:')).map((event) => event.slice('onLanguage:'.length));
      assert.ok(languages.length > 0);
      for (const language of languages) {
        assert.ok(analyzersFor(analyzers, 'untitled', language).length > 0, `an analyzer handles ${language}`);
      }
      for (const language of ['markdown', 'plaintext', 'html', 'css', 'dockerfile']) {
        assert.ok(!languages.includes(language), `${language} does not activate Tagsight`);
      }
    });
  });
});
