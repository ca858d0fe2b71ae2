/**
 * The manifest's tree menus against the trees: a `when` clause whose viewItem word no tree sets is a menu entry
 * nobody can reach, and one without a view condition shows on every extension's tree items that happen to use
 * the same word (`error`, `console`).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; menus: Record<string, { command: string; when?: string }[]> };
};
const itemMenus = manifest.contributes.menus['view/item/context'] ?? [];

/** The words of every string literal in the files that build tree items (set `contextValue`): where contextValues are written. */
function treeWords(): Set<string> {
  const folder = path.join(REPO_ROOT, 'src', 'vscode');
  const words = new Set<string>();
  const files = fs.readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'));
  for (const file of files) {
    const text = fs.readFileSync(path.join(folder, file), 'utf8');
    if (!text.includes('contextValue')) continue;
    for (const literal of text.matchAll(/'([^'\n]*)'|`([^`\n]*)`/g)) {
      for (const word of (literal[1] ?? literal[2] ?? '').split(/[^A-Za-z]+/)) if (word) words.add(word);
    }
  }
  return words;
}

/** `viewItem =~ /\bword\b/` and `viewItem =~ /\b(a|b)\b/` → the words. */
function viewItemWords(when: string): string[] {
  const pattern = /viewItem =~ \/\\b\(?([A-Za-z|]+)\)?\\b\//.exec(when)?.[1];
  return pattern ? pattern.split('|') : [];
}

describe('Manifest tree menus', () => {
  it('only offer declared commands', () => {
    const declared = new Set(manifest.contributes.commands.map((command) => command.command));
    for (const menu of Object.values(manifest.contributes.menus).flat())
      assert.ok(declared.has(menu.command), `${menu.command} is declared`);
  });

  it('show only on Tagsight views', () => {
    for (const menu of itemMenus) {
      assert.match(menu.when ?? '', /(^|&& )view (== tagsight\.[a-z]+|=~ \/\^tagsight\\\.\/)( |$)/, `${menu.command}: ${menu.when}`);
    }
  });

  it('match viewItem words that the trees set', () => {
    const words = treeWords();
    assert.ok(words.has('taggable'), 'the trees were read');
    for (const menu of itemMenus) {
      const wanted = viewItemWords(menu.when ?? '');
      assert.ok(wanted.length > 0, `${menu.command} matches viewItem by word: ${menu.when}`);
      for (const word of wanted) assert.ok(words.has(word), `${menu.command}: no tree sets the viewItem word "${word}"`);
    }
  });
});
