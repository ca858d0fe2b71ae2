import type { SyntaxNode } from '../parser-runtime';

/**
 * The names a Python file gives boto3 and what it exports: whatever its `import` and `from ... import` statements of
 * `boto3` and `boto3.session` bind, renamed or not (`import boto3 as b3`, `from boto3 import client as make_client`,
 * `from boto3.session import Session`, `import boto3.session`).
 */

/** A boto3 module, or one of the module functions and classes that create clients, resources and sessions. */
export type Boto3Name = 'boto3' | 'boto3.session' | 'client' | 'resource' | 'Session' | 'setup_default_session';

/** What each module's attributes stand for. */
const MEMBERS: Readonly<Record<'boto3' | 'boto3.session', ReadonlyMap<string, Boto3Name>>> = {
  boto3: new Map([
    ['client', 'client'],
    ['resource', 'resource'],
    ['Session', 'Session'],
    ['setup_default_session', 'setup_default_session'],
    ['session', 'boto3.session'],
  ]),
  'boto3.session': new Map([['Session', 'Session']]),
};

/** An import statement that mentions boto3 (a line may hold several modules: `import os, boto3`). */
const IMPORT_LINE = /^[ \t]*(?:import|from)[ \t]+[^\n]*\bboto3\b/gm;

const IMPORTS = new Set(['import_statement', 'import_from_statement']);

function moduleOf(dotted: string): 'boto3' | 'boto3.session' | undefined {
  return dotted === 'boto3' || dotted === 'boto3.session' ? dotted : undefined;
}

export class Boto3Imports {
  /** Local name to what it is bound to. */
  private readonly names = new Map<string, Boto3Name>();

  constructor(root: SyntaxNode, text: string) {
    for (const match of text.matchAll(IMPORT_LINE)) {
      const start = match.index + match[0].length - match[0].trimStart().length;
      let statement = root.descendantForIndex(start, start + 1);
      while (statement && !IMPORTS.has(statement.type) && statement.type !== 'module') statement = statement.parent;
      if (statement?.type === 'import_statement') this.readImport(statement);
      else if (statement?.type === 'import_from_statement') this.readFromImport(statement);
    }
  }

  /**
   * What an expression names in boto3: `b3`, `b3.client`, `make_client`, `boto3.session.Session`. Names the file does
   * not import keep the meaning their text gives them, as before imports were read: `boto3`, `Session`,
   * `session.Session` (a file may get them from a module of its own).
   */
  resolve(node: SyntaxNode): Boto3Name | undefined {
    if (node.type === 'identifier') {
      const bound = this.names.get(node.text);
      if (bound) return bound;
      return node.text === 'boto3' ? 'boto3' : node.text === 'Session' ? 'Session' : undefined;
    }
    if (node.type !== 'attribute') return undefined;
    const object = node.childForFieldName('object');
    const attribute = node.childForFieldName('attribute')?.text;
    if (!object || !attribute) return undefined;
    let module = this.resolve(object);
    if (!module && object.type === 'identifier' && object.text === 'session' && attribute === 'Session') module = 'boto3.session';
    return module === 'boto3' || module === 'boto3.session' ? MEMBERS[module].get(attribute) : undefined;
  }

  /** How this file writes a call of boto3's `client` or `resource` (`boto3.client`, `b3.resource`, `make_client`). */
  callee(factory: 'client' | 'resource'): string | undefined {
    let own: string | undefined;
    for (const [name, meaning] of this.names) {
      if (meaning === 'boto3') return `${name}.${factory}`;
      if (meaning === factory) own ??= name;
    }
    return own;
  }

  /** The local names bound to one of boto3's functions (`setup` for `from boto3 import setup_default_session as setup`). */
  namesOf(meaning: Boto3Name): string[] {
    return [...this.names].filter(([, bound]) => bound === meaning).map(([name]) => name);
  }

  /** `import boto3`, `import boto3 as b3`, `import boto3.session` (binds `boto3`), `import boto3.session as bs`. */
  private readImport(statement: SyntaxNode): void {
    for (const part of statement.namedChildren) {
      if (part?.type === 'dotted_name') {
        if (moduleOf(part.text) && part.namedChildren[0]) this.names.set(part.namedChildren[0].text, 'boto3');
      } else if (part?.type === 'aliased_import') {
        const module = moduleOf(part.childForFieldName('name')?.text ?? '');
        const alias = part.childForFieldName('alias')?.text;
        if (module && alias) this.names.set(alias, module);
      }
    }
  }

  /** `from boto3 import client as make_client, Session`, `from boto3.session import Session`, `from boto3 import *`. */
  private readFromImport(statement: SyntaxNode): void {
    const module = moduleOf(statement.childForFieldName('module_name')?.text ?? '');
    if (!module) return;
    const members = MEMBERS[module];
    for (const part of statement.namedChildren) {
      if (part?.type === 'wildcard_import') {
        for (const [name, meaning] of members) this.names.set(name, meaning);
        continue;
      }
      if (part?.startIndex === statement.childForFieldName('module_name')?.startIndex) continue;
      const imported =
        part?.type === 'aliased_import' ? part.childForFieldName('name')?.text : part?.type === 'dotted_name' ? part.text : undefined;
      const local = part?.type === 'aliased_import' ? part.childForFieldName('alias')?.text : imported;
      const meaning = imported === undefined ? undefined : members.get(imported);
      if (local && meaning) this.names.set(local, meaning);
    }
  }
}
