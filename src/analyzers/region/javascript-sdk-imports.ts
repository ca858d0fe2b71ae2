import type { SyntaxNode } from '../parser-runtime';

/**
 * The names a JavaScript or TypeScript file gives the S3 SDKs' exports: whatever its import and require declarations
 * of `@aws-sdk/client-s3` (v3) and `aws-sdk` (v2) bind, renamed or not (`S3Client as Client`, `* as sdk`,
 * `const { S3Client: Client } = require(...)`, `const AWS = require('aws-sdk')`).
 */

export type JavaScriptSdk = 'v3' | 'v2';

/** One export of one SDK: `S3Client`, `S3`, `CreateBucketCommand`. */
export interface SdkExport {
  readonly sdk: JavaScriptSdk;
  readonly name: string;
}

/**
 * The modules read, and what a name taking the whole module (`import x from`, `import * as x`, `const x =
 * require(...)`) stands for: the SDK's namespace, or, for `aws-sdk/clients/s3`, its one export, the v2 `S3` class.
 */
const MODULES: ReadonlyMap<string, { readonly sdk: JavaScriptSdk; readonly whole?: string }> = new Map([
  ['@aws-sdk/client-s3', { sdk: 'v3' }],
  ['aws-sdk', { sdk: 'v2' }],
  ['aws-sdk/global', { sdk: 'v2' }],
  ['aws-sdk/clients/s3', { sdk: 'v2', whole: 'S3' }],
]);

/** Module names as written in the source; other `aws-sdk/...` paths only tell that v2 is in use. */
const MODULE_TEXT = /(['"])(@aws-sdk\/client-s3|aws-sdk(?:\/[^'"\n]*)?)\1/g;

export class JavaScriptSdkImports {
  /** Local name to the export it is bound to (`Client` to v3 `S3Client`). */
  private readonly exports = new Map<string, SdkExport>();
  /** Local name of a whole SDK (`AWS`, `sdk`). */
  private readonly namespaces = new Map<string, JavaScriptSdk>();
  private readonly imported = new Set<JavaScriptSdk>();

  constructor(root: SyntaxNode, text: string) {
    for (const match of text.matchAll(MODULE_TEXT)) {
      const node = root.descendantForIndex(match.index, match.index + match[0].length);
      if (node?.type !== 'string' || node.startIndex !== match.index) continue;
      const modulePath = match[2]!;
      const sdk = modulePath.startsWith('@aws-sdk/') ? 'v3' : 'v2';
      if (this.readDeclaration(node, MODULES.get(modulePath))) this.imported.add(sdk);
    }
  }

  /**
   * What a constructor or member expression names in the SDKs: `Client`, `sdk.S3Client`, `AWS.S3`. Names the file
   * does not bind from an SDK count when they are the SDK's own (`S3Client`, `CreateBucketCommand`; `S3` and `X.S3`
   * when the file imports one SDK only), as before imports were read: they may come through a module of the
   * project's own (`import { S3Client } from './aws'`) or a wrapper (`AWSXRay.captureAWS(require('aws-sdk'))`).
   */
  resolve(node: SyntaxNode): SdkExport | undefined {
    if (node.type === 'identifier') {
      const bound = this.exports.get(node.text);
      if (bound) return bound;
      if (node.text === 'S3Client' || node.text === 'CreateBucketCommand') return { sdk: 'v3', name: node.text };
      if (node.text === 'S3' && this.imported.size === 1) return { sdk: [...this.imported][0]!, name: 'S3' };
      return undefined;
    }
    if (node.type !== 'member_expression') return undefined;
    const object = node.childForFieldName('object');
    const property = node.childForFieldName('property');
    if (object?.type !== 'identifier' || !property) return undefined;
    const sdk = this.namespaces.get(object.text);
    if (sdk) return { sdk, name: property.text };
    return property.text === 'S3' && this.imported.has('v2') ? { sdk: 'v2', name: 'S3' } : undefined;
  }

  /** The names the v2 SDK's global `config` is reached by: its namespaces, and `AWS` as ever. */
  v2Namespaces(): string[] {
    const names = new Set(['AWS']);
    for (const [name, sdk] of this.namespaces) if (sdk === 'v2') names.add(name);
    return [...names];
  }

  /**
   * Reads the import, require or `import()` whose module name is `source`, binding the names it declares when the
   * module is one of MODULES; false when the string is not a module name at all.
   */
  private readDeclaration(source: SyntaxNode, module: { sdk: JavaScriptSdk; whole?: string } | undefined): boolean {
    const parent = source.parent;
    if (!parent) return false;
    if (parent.type === 'import_statement') {
      if (module) this.bindImportClause(parent, module);
      return true;
    }
    if (parent.type === 'export_statement') return true;
    if (parent.type === 'import_require_clause') {
      const name = parent.namedChildren.find((child) => child?.type === 'identifier');
      if (module && name) this.bindWhole(name.text, module);
      return true;
    }
    const call = parent.type === 'arguments' ? parent.parent : undefined;
    const callee = call?.type === 'call_expression' ? call.childForFieldName('function') : undefined;
    if (!call || !callee || (callee.type !== 'import' && !(callee.type === 'identifier' && callee.text === 'require'))) return false;
    if (module) this.bindRequire(call, module);
    return true;
  }

  private bindImportClause(statement: SyntaxNode, module: { sdk: JavaScriptSdk; whole?: string }): void {
    const clause = statement.namedChildren.find((child) => child?.type === 'import_clause');
    for (const part of clause?.namedChildren ?? []) {
      if (part?.type === 'identifier') this.bindWhole(part.text, module);
      else if (part?.type === 'namespace_import') {
        const name = part.namedChildren.find((child) => child?.type === 'identifier');
        if (name) this.bindWhole(name.text, module);
      } else if (part?.type === 'named_imports' && !module.whole) {
        for (const specifier of part.namedChildren) {
          const name = specifier?.type === 'import_specifier' ? specifier.childForFieldName('name') : undefined;
          const local = specifier?.childForFieldName('alias') ?? name;
          if (name && local) this.exports.set(local.text, { sdk: module.sdk, name: name.text.replace(/^['"]|['"]$/g, '') });
        }
      }
    }
  }

  /** `const x = require(m)`, `const { a, b: c } = require(m)`, `const a = require(m).a`, with `await import(m)` alike. */
  private bindRequire(call: SyntaxNode, module: { sdk: JavaScriptSdk; whole?: string }): void {
    let value = call;
    if (value.parent?.type === 'await_expression') value = value.parent;
    let member: string | undefined;
    if (value.parent?.type === 'member_expression' && value.parent.childForFieldName('object')?.startIndex === value.startIndex) {
      member = value.parent.childForFieldName('property')?.text;
      value = value.parent;
    }
    const declarator = value.parent;
    if (declarator?.type !== 'variable_declarator' || declarator.childForFieldName('value')?.startIndex !== value.startIndex) return;
    const name = declarator.childForFieldName('name');
    if (name?.type === 'identifier') {
      if (member === undefined) this.bindWhole(name.text, module);
      else if (!module.whole) this.exports.set(name.text, { sdk: module.sdk, name: member });
      return;
    }
    if (name?.type !== 'object_pattern' || member !== undefined || module.whole) return;
    for (const element of name.namedChildren) {
      if (element?.type === 'shorthand_property_identifier_pattern') {
        this.exports.set(element.text, { sdk: module.sdk, name: element.text });
      } else if (element?.type === 'pair_pattern') {
        const key = element.childForFieldName('key');
        const local = element.childForFieldName('value');
        if (key && local?.type === 'identifier')
          this.exports.set(local.text, { sdk: module.sdk, name: key.text.replace(/^['"]|['"]$/g, '') });
      }
    }
  }

  private bindWhole(name: string, module: { sdk: JavaScriptSdk; whole?: string }): void {
    if (module.whole) this.exports.set(name, { sdk: module.sdk, name: module.whole });
    else this.namespaces.set(name, module.sdk);
  }
}
