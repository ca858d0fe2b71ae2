import type { CodeFinding, CodeFix } from '../../core/code-finding';
import type { TextEdit } from '../../core/range';
import type { RequiredTag, TagPolicy } from '../../core/tag-policy';
import type { LineIndex } from '../line-index';
import { type KnownTags, checkResourceTags, escapeSnippet, missingTagsFixTitle, requirementsForTypes } from '../tag-findings';
import { cdkModuleOf } from './construct-classes';
import { type ConstructNode, resolveResourceTags } from './construct-tree';
import type { EvaluatedProgram } from './evaluate';
import type { CdkProgram } from './program';
import type { ResolvedTags } from './tag-aspect';

/**
 * Required tags on a CDK program's resource constructs: each construct whose tree is known up to an App of the
 * file, judged on the tags CDK would synthesize for it plus its stack's tags. The quick fix adds a
 * `Tags.of(construct).add('Key', '')` line after the construct's statement, with an empty value to fill in.
 */
export function knownTagsOf(tags: ResolvedTags): KnownTags {
  const entries = new Map<string, { value?: string }>();
  for (const [key, value] of tags.entries) entries.set(key, value === undefined ? {} : { value });
  return { entries, unknownKeys: tags.uncertain, complete: tags.complete };
}

export function checkCdkProgram(
  program: CdkProgram,
  evaluated: EvaluatedProgram,
  policy: TagPolicy,
  lines: LineIndex,
  reported = new Set<ConstructNode>(),
): CodeFinding[] {
  const findings: CodeFinding[] = [];
  const seen = new Set<string>();
  const stacks = new Map<ConstructNode, ResolvedTags>();
  const fixContext = new FixContext(program, lines);
  for (const node of evaluated.constructs) {
    const source = node.source;
    if (!source || !node.cfnType || !node.rooted) continue;
    if (requirementsForTypes(policy, [node.cfnType]).length === 0) continue;
    const tags = resolveResourceTags(node, evaluated.global, stacks);
    const result = checkResourceTags(
      {
        resource: node.path,
        typeNames: [node.cfnType],
        tags: knownTagsOf(tags),
        range: lines.range(source.start, source.end),
        ...(source.nested ? {} : { fixes: (missing: readonly RequiredTag[]) => [tagsFix(fixContext, node, missing)] }),
      },
      policy,
    );
    if (result.some((finding) => finding.rule === 'tagsight.missing-tags')) reported.add(node);
    for (const finding of result) {
      const id = `${finding.rule}|${finding.message}|${finding.range.start.line}:${finding.range.start.character}`;
      if (seen.has(id)) continue;
      seen.add(id);
      findings.push({ ...finding, properties: { ...finding.properties, resourceType: node.cfnType, constructPath: node.path } });
    }
  }
  return findings;
}

interface TagsName {
  readonly text: string;
  readonly importEdit?: TextEdit;
}

/** How the file names aws-cdk-lib's Tags: an imported `Tags`, else `cdk.Tags` through its namespace, else an added import. */
function tagsReference(program: CdkProgram): TagsName {
  let namespace: string | undefined;
  for (const statement of program.statements) {
    if (statement.kind !== 'import') continue;
    for (const binding of statement.bindings) {
      if (cdkModuleOf(binding.module)?.kind !== 'core') continue;
      if (binding.member === 'Tags') return { text: binding.local };
      if (binding.member === undefined) namespace ??= binding.local;
    }
  }
  if (namespace) return { text: `${namespace}.Tags` };
  const at = { line: 0, character: 0 };
  const importLine = program.language === 'python' ? 'from aws_cdk import Tags\n' : "import { Tags } from 'aws-cdk-lib';\n";
  return { text: 'Tags', importEdit: { range: { start: at, end: at }, newText: importLine } };
}

/**
 * What the fixes of one analysis share, worked out once: how the file names Tags, and the names it uses (a fix
 * that names a construct must not take one of them).
 */
export class FixContext {
  private tags: TagsName | undefined;
  private names: Set<string> | undefined;

  constructor(
    readonly program: CdkProgram,
    readonly lines: LineIndex,
  ) {}

  get tagsName(): TagsName {
    this.tags ??= tagsReference(this.program);
    return this.tags;
  }

  /** A variable name from the construct id (`Logs` -> `logs`), not already used in the file. */
  freeName(id: string): string {
    const python = this.program.language === 'python';
    this.names ??= new Set(this.lines.text.match(/[A-Za-z_$][\w$]*/g) ?? []);
    const words = id
      .replace(/[^A-Za-z0-9]+/g, ' ')
      .trim()
      .split(/\s+|(?<=[a-z0-9])(?=[A-Z])/)
      .filter(Boolean);
    let base = python
      ? words.map((word) => word.toLowerCase()).join('_')
      : words
          .map((word, index) => (index === 0 ? word.charAt(0).toLowerCase() + word.slice(1) : word.charAt(0).toUpperCase() + word.slice(1)))
          .join('');
    if (!/^[A-Za-z_]/.test(base)) base = python ? `construct_${base}` : `construct${base}`;
    let name = base;
    for (let n = 2; this.names.has(name); n++) name = `${base}${n}`;
    return name;
  }
}

/** Tags.of(construct).add('Key', '') after the construct's statement, naming the construct first when unnamed. */
export function tagsFix(fixContext: FixContext, node: ConstructNode, missing: readonly RequiredTag[]): CodeFix {
  const { program, lines, tagsName } = fixContext;
  const python = program.language === 'python';
  const source = node.source!;
  const edits: TextEdit[] = [];
  if (tagsName.importEdit) edits.push(tagsName.importEdit);
  let reference = source.reference;
  if (!reference) {
    // An unnamed construct gets a name, so that Tags.of can reach it.
    reference = fixContext.freeName(node.id ?? node.className);
    const at = lines.position(source.place.startOffset);
    edits.push({ range: { start: at, end: at }, newText: python ? `${reference} = ` : `const ${reference} = ` });
  }
  const target = python ? reference.replace(/^this\./, 'self.') : reference;
  const quote = python ? '"' : "'";
  const end = python ? '' : ';';
  const added = missing.map(
    (requirement, index) =>
      `${escapeSnippet(`${source.place.indent}${tagsName.text}.of(${target}).add(${quoteString(requirement.key, quote)}, ${quote}`)}\${${index + 1}}${quote})${end}`,
  );
  const at = lines.position(source.place.endOffset);
  edits.push({ range: { start: at, end: at }, newText: `\n${added.join('\n')}` });
  return { title: `${missingTagsFixTitle(missing)} with ${tagsName.text}.of(${target})`, edits, isSnippet: true, isPreferred: true };
}

function quoteString(value: string, quote: string): string {
  return `${quote}${value.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`)}${quote}`;
}
