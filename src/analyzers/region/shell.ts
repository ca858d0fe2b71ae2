import type { SyntaxNode } from '../parser-runtime';
import { MAX_FOLLOW_DEPTH } from './bindings';
import type { ClientRegion, CreateBucketSite, ProfileRegionLookup, WrittenConstraint } from './create-bucket-site';
import { CREATE_BUCKET_TEXT } from './create-bucket-text';
import { respectRegionGuard } from './region-guard';
import { compiledQuery, insertAt, nodeRange, replaceNode } from './syntax';
import { range } from '../../core/range';

/**
 * `aws s3api create-bucket` and `aws s3 mb` in shell: scripts, Makefile recipes (see makefile.ts) and CI steps
 * (see ci-yaml.ts). Variables are followed when assigned exactly once in the text and before the use; region
 * variables (AWS_REGION, AWS_DEFAULT_REGION, AWS_PROFILE) set on the command line or earlier in the script win
 * over the configured region, as the CLI itself decides.
 */

/** A variable known before the script starts (CI `env:` maps), with a description of where it is set. */
export interface InheritedVariable {
  readonly value?: string;
  readonly source: string;
}

export interface ShellOptions {
  readonly profileRegion?: ProfileRegionLookup;
  /** Makefile variables, expanded by make before the shell sees `$(NAME)` / `${NAME}`. */
  readonly makeVariables?: ReadonlyMap<string, string>;
  readonly inheritedEnv?: ReadonlyMap<string, InheritedVariable>;
  /**
   * False for CI steps: they run with the CI's environment, not the developer's, so the configured region (and
   * the profile lookup) say nothing about them.
   */
  readonly useConfiguredRegion?: boolean;
}

const SHELL_QUERY = `
(variable_assignment name: (variable_name) @assign.name) @assign
(for_statement variable: (variable_name) @shadow)
(command name: (command_name) @command.name) @command
`;

/** Global and create-bucket options that take no value; every other `--option` consumes the next word. */
const FLAGS = new Set([
  'debug',
  'no-verify-ssl',
  'no-paginate',
  'no-sign-request',
  'no-cli-pager',
  'cli-auto-prompt',
  'no-cli-auto-prompt',
  'object-lock-enabled-for-bucket',
  'no-object-lock-enabled-for-bucket',
  'dryrun',
  'version',
]);

interface Assignment {
  readonly offset: number;
  readonly value?: SyntaxNode;
  readonly shadow?: boolean;
}

interface Option {
  readonly name: string;
  /** The node holding `--name` (and the value too for `--name=value`). */
  readonly flag: SyntaxNode;
  readonly valueNode?: SyntaxNode;
  readonly inline: boolean;
}

type Resolved = { known: true; value: string; literal?: SyntaxNode; via?: string } | { known: false };

const UNKNOWN: Resolved = { known: false };

class ShellFile {
  private readonly assignments = new Map<string, Assignment[]>();
  /** `aws configure set region ...` in the text: the profile's region is not what the config file says now. */
  private readonly configuresRegion: boolean;

  constructor(
    text: string,
    private readonly options: ShellOptions,
  ) {
    this.configuresRegion = /\baws\s+configure\s+set\s+(?:[\w-]+\.)?region\b/.test(text);
  }

  addAssignment(name: string, assignment: Assignment): void {
    const list = this.assignments.get(name);
    if (list) list.push(assignment);
    else this.assignments.set(name, [assignment]);
  }

  /** True when the text assigns the variable before `offset`; else its value is the one the script started with. */
  private assignedBefore(name: string, offset: number): boolean {
    return this.assignments.get(name)?.some((assignment) => assignment.offset < offset) ?? false;
  }

  /**
   * A variable's value at `offset`: before any assignment in the text, the one the script started with (make, the
   * CI's `env:`), else `unset` (the environment decides); unknown when assigned more than once or to something
   * unresolvable.
   */
  variable(name: string, offset: number, depth: number): Resolved | 'unset' {
    const list = this.assignments.get(name);
    if (!list || !this.assignedBefore(name, offset)) {
      const make = this.options.makeVariables?.get(name);
      if (make !== undefined) return this.expandMake(make, depth);
      const inherited = this.options.inheritedEnv?.get(name);
      if (inherited) return inherited.value !== undefined ? { known: true, value: inherited.value, via: inherited.source } : UNKNOWN;
      return 'unset';
    }
    if (list.length !== 1) return UNKNOWN;
    const only = list[0]!;
    if (only.shadow) return UNKNOWN;
    if (!only.value) return { known: true, value: '' };
    const resolved = this.resolve(only.value, offset, depth + 1);
    return resolved.known ? { ...resolved, via: resolved.via ?? name } : UNKNOWN;
  }

  private expandMake(value: string, depth: number): Resolved {
    if (depth > MAX_FOLLOW_DEPTH) return UNKNOWN;
    if (!value.includes('$')) return { known: true, value: value.trim() };
    let unknown = false;
    const expanded = value.replace(/\$[({]([A-Za-z_][\w]*)[)}]/g, (_, inner: string) => {
      const nested = this.options.makeVariables?.get(inner);
      const resolved = nested === undefined ? UNKNOWN : this.expandMake(nested, depth + 1);
      if (!resolved.known) unknown = true;
      return resolved.known ? resolved.value : '';
    });
    return unknown || expanded.includes('$') ? UNKNOWN : { known: true, value: expanded.trim() };
  }

  resolve(node: SyntaxNode, offset: number, depth = 0): Resolved {
    if (depth > MAX_FOLLOW_DEPTH) return UNKNOWN;
    switch (node.type) {
      case 'word':
      case 'number':
        return /[\\*?[\]{}~]/.test(node.text) ? UNKNOWN : { known: true, value: node.text, literal: node };
      case 'raw_string':
        return { known: true, value: node.text.slice(1, -1), literal: node };
      case 'string_content':
        return node.text.includes('\\') ? UNKNOWN : { known: true, value: node.text };
      case 'string':
      case 'concatenation': {
        let value = '';
        let via: string | undefined;
        for (const child of node.namedChildren) {
          if (!child) continue;
          const part = this.resolve(child, offset, depth + 1);
          if (!part.known) return UNKNOWN;
          value += part.value;
          via ??= part.via;
        }
        return { known: true, value, literal: node.namedChildCount <= 1 && !via ? node : undefined, via };
      }
      case 'simple_expansion':
      case 'expansion': {
        const names = node.namedChildren.filter((child) => child !== null);
        if (names.length !== 1 || names[0]!.type !== 'variable_name') return UNKNOWN;
        const variable = this.variable(names[0]!.text, offset, depth);
        return variable === 'unset' ? UNKNOWN : variable;
      }
      case 'command_substitution': {
        // Only meaningful in a Makefile recipe, where make expands `$(NAME)` before the shell runs.
        const name =
          node.namedChildren[0]?.type === 'command' && node.namedChildren[0].namedChildCount === 1 ? node.namedChildren[0].text : undefined;
        const make = name !== undefined ? this.options.makeVariables?.get(name) : undefined;
        const expanded = make !== undefined ? this.expandMake(make, depth) : UNKNOWN;
        return expanded.known ? { ...expanded, via: name } : UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }

  /** An environment variable as the CLI would see it: on the command line first, then the script. */
  private envVariable(command: SyntaxNode, name: string): Resolved | 'unset' {
    for (const child of command.namedChildren) {
      if (child?.type !== 'variable_assignment') continue;
      if (child.childForFieldName('name')?.text !== name) continue;
      const value = child.childForFieldName('value');
      const resolved = value ? this.resolve(value, command.startIndex) : { known: true as const, value: '' };
      return resolved.known ? { ...resolved, via: `\`${name}\` set on the command line` } : UNKNOWN;
    }
    const variable = this.variable(name, command.startIndex, 0);
    if (variable === 'unset' || !variable.known) return variable;
    const inherited = this.options.inheritedEnv?.get(name);
    const via = inherited && !this.assignedBefore(name, command.startIndex) ? inherited.source : `\`${name}\` set in this file`;
    return { ...variable, via };
  }

  site(command: SyntaxNode): CreateBucketSite | undefined {
    const args = command.childrenForFieldName('argument').filter((arg): arg is SyntaxNode => arg !== null);
    const { options, positionals } = parseArguments(args);
    const service = positionals[0]?.text;
    const operation = positionals[1]?.text;
    const tool =
      service === 's3api' && operation === 'create-bucket'
        ? 'aws-cli-s3api'
        : service === 's3' && operation === 'mb'
          ? 'aws-cli-s3-mb'
          : undefined;
    if (!tool || options.has('endpoint-url')) return undefined;

    const value = (option: Option | undefined): Resolved => {
      if (!option?.valueNode) return UNKNOWN;
      const resolved = this.resolve(option.valueNode, command.startIndex);
      if (!resolved.known || !option.inline) return resolved;
      return { known: true, value: resolved.value.slice(resolved.value.indexOf('=') + 1), via: resolved.via };
    };

    // `aws s3api create-bucket --bucket b $opts` or `"${args[@]}"`: words the script builds at run time may hold
    // --region or --create-bucket-configuration, so an option not written out is unknown, not absent.
    const operands = positionals.slice(tool === 'aws-cli-s3-mb' ? 3 : 2);
    const opaque = operands.some((operand) => this.mayHoldOptions(operand, command.startIndex));
    const regionOption = options.get('region');
    let client: ClientRegion;
    let regionLiteral: { node: SyntaxNode; inline: boolean } | undefined;
    if (regionOption) {
      const resolved = value(regionOption);
      client = resolved.known
        ? { kind: 'code', region: resolved.value, source: resolved.via ? `--region from \`${resolved.via}\`` : '--region' }
        : { kind: 'unknown' };
      if (resolved.known && !resolved.via && regionOption.valueNode)
        regionLiteral = { node: regionOption.valueNode, inline: regionOption.inline };
    } else client = opaque ? { kind: 'unknown' } : this.regionFromEnvironment(command, options.get('profile'), value);

    const constraintOption = tool === 'aws-cli-s3api' ? options.get('create-bucket-configuration') : undefined;
    const written = constraintOption ? writtenConstraint(constraintOption, value(constraintOption)) : NO_CONFIGURATION;
    const { onlyConstraint } = written;
    const constraint: WrittenConstraint = !constraintOption && opaque ? { kind: 'unknown' } : written.constraint;
    const operationNode = positionals[1]!;
    const lastArg = args[args.length - 1]!;
    return {
      tool,
      range: range(
        command.startPosition.row,
        command.startPosition.column,
        operationNode.endPosition.row,
        operationNode.endPosition.column,
      ),
      description: `aws ${service} ${operation}`,
      client,
      constraint,
      clientShared: false,
      setClientRegion: (target) => {
        if (regionLiteral) return [replaceNode(regionLiteral.node, regionLiteral.inline ? `--region=${target}` : target)];
        if (regionOption) return undefined;
        return [insertAt(operationNode.endPosition.row, operationNode.endPosition.column, ` --region ${target}`)];
      },
      removeConstraint: () => {
        if (!constraintOption?.valueNode || !onlyConstraint) return undefined;
        const before = constraintOption.flag.previousSibling ?? constraintOption.flag;
        return [
          {
            range: range(
              before.endPosition.row,
              before.endPosition.column,
              constraintOption.valueNode.endPosition.row,
              constraintOption.valueNode.endPosition.column,
            ),
            newText: '',
          },
        ];
      },
      addConstraint: (target) => {
        if (tool !== 'aws-cli-s3api' || constraintOption) return undefined;
        return [
          insertAt(lastArg.endPosition.row, lastArg.endPosition.column, ` --create-bucket-configuration LocationConstraint=${target}`),
        ];
      },
    };
  }

  /** True when a word is built from expansions whose words are unknown, or hold options once split. */
  private mayHoldOptions(word: SyntaxNode, offset: number): boolean {
    if (!/[$`]/.test(word.text)) return false;
    const resolved = this.resolve(word, offset);
    return !resolved.known || /(^|\s)-/.test(resolved.value);
  }

  private regionFromEnvironment(
    command: SyntaxNode,
    profileOption: Option | undefined,
    value: (option: Option | undefined) => Resolved,
  ): ClientRegion {
    for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
      const env = this.envVariable(command, name);
      if (env === 'unset') continue;
      return env.known && env.value ? { kind: 'code', region: env.value, source: env.via ?? `\`${name}\`` } : { kind: 'unknown' };
    }
    let profile: Resolved | 'unset' = 'unset';
    if (profileOption) profile = value(profileOption);
    else profile = this.envVariable(command, 'AWS_PROFILE');
    if (this.options.useConfiguredRegion === false || this.configuresRegion) return { kind: 'unknown' };
    if (profile === 'unset') return { kind: 'configured' };
    if (!profile.known || !this.options.profileRegion) return { kind: 'unknown' };
    const configured = this.options.profileRegion(profile.value);
    return configured ? { kind: 'configured', configured } : { kind: 'unknown' };
  }
}

/** `aws` arguments: `--name value`, `--name=value` and value-less flags by name; the rest in order. */
function parseArguments(args: readonly SyntaxNode[]): { options: Map<string, Option>; positionals: SyntaxNode[] } {
  const options = new Map<string, Option>();
  const positionals: SyntaxNode[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    const match = /^--([a-z0-9-]+)(=)?/.exec(arg.text);
    if (!match) {
      positionals.push(arg);
      continue;
    }
    const name = match[1]!;
    if (match[2]) options.set(name, { name, flag: arg, valueNode: arg, inline: true });
    else if (FLAGS.has(name)) options.set(name, { name, flag: arg, inline: false });
    else {
      options.set(name, { name, flag: arg, valueNode: args[index + 1], inline: false });
      index++;
    }
  }
  return { options, positionals };
}

const NO_CONFIGURATION = { constraint: { kind: 'absent', hasCreateBucketConfiguration: false }, onlyConstraint: false } as const;

/** The constraint in `--create-bucket-configuration`; `onlyConstraint` when removing the option loses nothing else. */
function writtenConstraint(option: Option, resolved: Resolved): { constraint: WrittenConstraint; onlyConstraint: boolean } {
  const parsed = resolved.known ? parseBucketConfiguration(resolved.value) : undefined;
  if (!parsed || !option.valueNode) return { constraint: { kind: 'unknown' }, onlyConstraint: false };
  if (parsed.locationConstraint === undefined)
    return { constraint: { kind: 'absent', hasCreateBucketConfiguration: true }, onlyConstraint: false };
  return {
    constraint: {
      kind: 'value',
      value: parsed.locationConstraint,
      range: nodeRange(option.valueNode),
      ...(resolved.known && resolved.via ? { viaBinding: true } : {}),
    },
    onlyConstraint: parsed.onlyLocationConstraint,
  };
}

/** `LocationConstraint=eu-west-1` (shorthand, maybe with other keys) or `{"LocationConstraint":"eu-west-1"}`. */
export function parseBucketConfiguration(value: string): { locationConstraint?: string; onlyLocationConstraint: boolean } | undefined {
  const trimmed = value.trim();
  if (trimmed.startsWith('file://') || trimmed.startsWith('fileb://')) return undefined;
  if (trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (!parsed || typeof parsed !== 'object') return undefined;
      const record = parsed as Record<string, unknown>;
      const lc = record.LocationConstraint;
      if (lc !== undefined && typeof lc !== 'string') return undefined;
      return { locationConstraint: lc, onlyLocationConstraint: Object.keys(record).length === 1 };
    } catch {
      return undefined;
    }
  }
  const match = /(?:^|,)\s*LocationConstraint\s*=\s*([^,\s]*)/.exec(trimmed);
  if (!match) return /^[A-Za-z]+\s*=/.test(trimmed) ? { onlyLocationConstraint: false } : undefined;
  const rest = trimmed
    .replace(match[0], '')
    .replace(/^\s*,|,\s*$/g, '')
    .trim();
  return { locationConstraint: match[1], onlyLocationConstraint: rest === '' };
}

export async function extractShellSites(root: SyntaxNode, text: string, options: ShellOptions = {}): Promise<CreateBucketSite[]> {
  if (!CREATE_BUCKET_TEXT.shell.test(text)) return [];
  const query = await compiledQuery('bash', SHELL_QUERY);
  const file = new ShellFile(text, options);
  const commands: SyntaxNode[] = [];
  let pendingAssign: SyntaxNode | undefined;
  for (const { name, node } of query.captures(root)) {
    if (name === 'assign') pendingAssign = node;
    else if (name === 'assign.name' && pendingAssign) {
      // Prefix assignments (`AWS_REGION=x aws ...`) only apply to their command.
      if (pendingAssign.parent?.type !== 'command') {
        file.addAssignment(node.text, { offset: pendingAssign.startIndex, value: pendingAssign.childForFieldName('value') ?? undefined });
      }
      pendingAssign = undefined;
    } else if (name === 'shadow') file.addAssignment(node.text, { offset: node.startIndex, shadow: true });
    else if (name === 'command.name' && node.text === 'aws' && node.parent) commands.push(node.parent);
  }
  const sites: CreateBucketSite[] = [];
  for (const command of commands) {
    const site = file.site(command);
    if (site) sites.push(respectRegionGuard(command, site));
  }
  return sites;
}
