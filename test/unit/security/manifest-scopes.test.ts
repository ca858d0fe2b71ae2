import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The manifest keeps the workspace out of AWS decisions: a folder's `.vscode/settings.json` can never redirect AWS
 * calls, pick credentials or turn on writes, because those settings are `machine` or `application` scoped (VS Code
 * ignores workspace and folder values for them). Plus the manifest habits that keep commands honest: one category,
 * no eager activation, commands that need a tree node hidden from the palette.
 */
interface SettingSchema {
  scope?: string;
}
interface Manifest {
  activationEvents?: string[];
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    menus: Record<string, Array<{ command: string; when?: string }>>;
    configuration: { properties: Record<string, SettingSchema> } | Array<{ properties: Record<string, SettingSchema> }>;
  };
}

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;
const settings: Record<string, SettingSchema> = Object.assign(
  {},
  ...[manifest.contributes.configuration].flat().map((section) => section.properties),
);
const commands = manifest.contributes.commands;
const palette = manifest.contributes.menus.commandPalette ?? [];

/** Settings that decide where AWS calls go, with which credentials, or whether Tagsight writes to AWS. */
const AWS_DECIDING = ['tagsight.aws.endpointUrl', 'tagsight.aws.profile', 'tagsight.readOnly'];
const AWS_DECIDING_NAME = /endpoint|profile|credential|role|accesskey|secret|token|readonly/i;
const USER_ONLY_SCOPES = ['machine', 'application'];

/** Commands that act on the tree node or map region they are given and mean nothing without one. */
const ARGUMENT_ONLY = ['tagsight.copyArn', 'tagsight.openInConsole', 'tagsight.openDefinition', 'tagsight.revealRegion'];

describe('security: manifest scopes and command hygiene', () => {
  it('gives every tagsight setting an explicit scope', () => {
    const names = Object.keys(settings);
    assert.ok(names.length > 10, 'the manifest lists the settings');
    for (const name of names) {
      assert.ok(name.startsWith('tagsight.'), `${name} has the tagsight. prefix`);
      assert.ok(settings[name]!.scope, `${name} has an explicit scope`);
    }
  });

  it('scopes every setting that picks endpoints, credentials or writes to machine or application', () => {
    const deciding = Object.keys(settings).filter(
      (name) => AWS_DECIDING.includes(name) || AWS_DECIDING_NAME.test(name.slice('tagsight.'.length)),
    );
    for (const name of AWS_DECIDING) assert.ok(deciding.includes(name), `${name} is contributed`);
    for (const name of deciding) {
      assert.ok(
        USER_ONLY_SCOPES.includes(settings[name]!.scope ?? ''),
        `${name} is ${settings[name]!.scope ?? 'unscoped'}; a workspace could set it`,
      );
    }
  });

  it('puts every command in the Tagsight category with the tagsight. prefix', () => {
    for (const command of commands) {
      assert.ok(command.command.startsWith('tagsight.'), command.command);
      assert.equal(command.category, 'Tagsight', `${command.command} category`);
      assert.ok(!/^tagsight\s*:/i.test(command.title), `${command.command} title repeats the category`);
    }
  });

  it('never activates on every event', () => {
    const events = manifest.activationEvents ?? [];
    assert.ok(!events.includes('*'), 'no "*" activation event');
    assert.ok(
      !events.some((event) => event === 'workspaceContains:**' || event === 'workspaceContains:**/*'),
      'no activation on any workspace',
    );
  });

  it('hides node-only commands from the command palette', () => {
    const known = new Set(commands.map((c) => c.command));
    for (const entry of palette) assert.ok(known.has(entry.command), `commandPalette names an unknown command ${entry.command}`);
    for (const name of ARGUMENT_ONLY) {
      assert.ok(known.has(name), `${name} is contributed`);
      assert.equal(palette.find((entry) => entry.command === name)?.when, 'false', `${name} is hidden from the palette`);
    }
    // A command offered only on tree items must say explicitly whether the palette shows it (hidden, or a `when`
    // under which it works without a node), so a new node command cannot reach the palette by default.
    const elsewhere = new Set(
      Object.entries(manifest.contributes.menus)
        .filter(([location]) => location !== 'commandPalette' && location !== 'view/item/context')
        .flatMap(([, entries]) => entries.map((entry) => entry.command)),
    );
    const itemOnly = new Set(
      (manifest.contributes.menus['view/item/context'] ?? []).map((entry) => entry.command).filter((name) => !elsewhere.has(name)),
    );
    for (const name of itemOnly) {
      assert.ok(
        palette.some((entry) => entry.command === name && entry.when !== undefined),
        `${name} appears only on tree items but has no commandPalette decision`,
      );
    }
  });
});
