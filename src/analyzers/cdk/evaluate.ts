import { type CdkClass, type CdkModule, cdkClass, cdkModuleOf, submoduleOf } from './construct-classes';
import { type ConstructSource, ConstructNode, type GlobalUncertainty } from './construct-tree';
import type { CdkProgram, Constructor, Expr, StatementPlace, Stmt } from './program';
import { ADD_PRIORITY, type Known, REMOVE_PRIORITY, type TagOperation, UNKNOWN } from './tag-aspect';

/**
 * Runs a CDK program's statements symbolically to build its construct tree (construct-tree.ts): what each name
 * holds, which constructs each `new` makes under which scope, which Tags.of(...) operations aim at which construct.
 * It follows straight-line code at module level and in constructors of this file's classes; code that may run any
 * number of times (loops, branches, functions, methods) only makes things unknown. A construct handed to code not
 * known here (a function, a class of another file) may be tagged there: its tags become unknown.
 */
type ClassStmt = Extract<Stmt, { kind: 'class' }>;

type Value =
  | { readonly kind: 'construct'; readonly node: ConstructNode; readonly local?: ClassStmt }
  | { readonly kind: 'module'; readonly module: CdkModule }
  | { readonly kind: 'class'; readonly name: string; readonly cls: CdkClass }
  | { readonly kind: 'local-class'; readonly decl: ClassStmt }
  | { readonly kind: 'tags-of'; readonly target: Value }
  | { readonly kind: 'aspects-of'; readonly target: Value }
  /** A Tag or RemoveTag aspect, not yet added to a scope. */
  | { readonly kind: 'tag-aspect'; readonly action: 'add' | 'remove'; readonly args: readonly Value[]; readonly keywords: Keywords }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  /** `refs`: constructs a plain object literal names (see program.ts). */
  | { readonly kind: 'object'; readonly entries: ReadonlyMap<string, Value>; readonly complete: boolean; readonly refs?: readonly Value[] }
  | { readonly kind: 'array'; readonly items: readonly Value[]; readonly complete: boolean }
  /** Imported from a module other than aws-cdk-lib, or anything not known: code that may do anything. */
  | { readonly kind: 'foreign' }
  /** A parameter the caller gave no argument for. */
  | { readonly kind: 'absent' }
  | { readonly kind: 'unknown' };

/** Keyword arguments; `unknownSpread` when a `**spread` of unknown content is among them. */
type Keywords = Map<string, Value> & { unknownSpread?: boolean };

const UNKNOWN_VALUE: Value = { kind: 'unknown' };
const FOREIGN: Value = { kind: 'foreign' };
const ABSENT: Value = { kind: 'absent' };
const MAX_DEPTH = 8;

class Env {
  private readonly names = new Map<string, Value>();
  constructor(private readonly parent?: Env) {}
  get(name: string): Value | undefined {
    return this.names.get(name) ?? this.parent?.get(name);
  }
  set(name: string, value: Value): void {
    this.names.set(name, value);
  }
}

export interface EvaluatedProgram {
  /** Every resource construct made by code that surely runs, in creation order. */
  readonly constructs: readonly ConstructNode[];
  /** Every construct made in this file (resources, stacks, scopes), and the roots of trees not rooted in an App. */
  readonly nodes: readonly ConstructNode[];
  readonly detachedRoots: readonly ConstructNode[];
  readonly global: GlobalUncertainty;
}

export function evaluateProgram(program: CdkProgram): EvaluatedProgram {
  return new Evaluator(program).run();
}

class Evaluator {
  private readonly constructs: ConstructNode[] = [];
  private readonly nodes: ConstructNode[] = [];
  private readonly detachedRoots: ConstructNode[] = [];
  private readonly global: GlobalUncertainty = { keys: new Set(), every: false };
  private readonly instantiated = new Set<ClassStmt>();
  private readonly moduleEnv = new Env();

  constructor(private readonly program: CdkProgram) {}

  run(): EvaluatedProgram {
    // Classes and imports are known throughout the module, whatever their place in it.
    for (const statement of this.program.statements) {
      if (statement.kind === 'import')
        for (const binding of statement.bindings) this.moduleEnv.set(binding.local, importedValue(binding.module, binding.member));
      if (statement.kind === 'class') this.moduleEnv.set(statement.name, { kind: 'local-class', decl: statement });
    }
    this.statements(this.program.statements, this.moduleEnv, 0);
    // A class the file defines but does not instantiate: its constructs are known relative to it (for cdk.out).
    for (const statement of this.program.statements) {
      if (statement.kind !== 'class' || this.instantiated.has(statement)) continue;
      const kind = this.classKind(statement, 0);
      if (kind === undefined) continue;
      const root = new ConstructNode('detached', undefined, undefined, statement.name);
      this.detachedRoots.push(root);
      this.instantiateInto(root, statement, [], new Map(), 0);
    }
    return { constructs: this.constructs, nodes: this.nodes, detachedRoots: this.detachedRoots, global: this.global };
  }

  private statements(statements: readonly Stmt[], env: Env, depth: number): void {
    for (const statement of statements) {
      switch (statement.kind) {
        case 'bind': {
          const value = this.expr(statement.value, env, depth, { place: statement.place, top: statement.value, bindsTo: statement.target });
          env.set(statement.target, value);
          break;
        }
        case 'expr':
          this.expr(statement.value, env, depth, { place: statement.place, top: statement.value });
          break;
        case 'opaque':
          for (const call of statement.calls) this.mayRunCall(call, env);
          break;
        case 'class':
        case 'import':
          break;
      }
    }
  }

  private expr(expr: Expr, env: Env, depth: number, at?: At): Value {
    switch (expr.kind) {
      case 'name':
        return env.get(expr.name) ?? FOREIGN;
      case 'this':
        return env.get('this') ?? UNKNOWN_VALUE;
      case 'member': {
        if (expr.object.kind === 'this') {
          const bound = env.get(`this.${expr.property}`);
          if (bound) return bound;
        }
        return member(this.expr(expr.object, env, depth), expr.property);
      }
      case 'string':
        return { kind: 'string', value: expr.value };
      case 'number':
        return { kind: 'number', value: expr.value };
      case 'boolean':
        return UNKNOWN_VALUE;
      case 'object': {
        const entries = new Map<string, Value>();
        for (const entry of expr.entries) entries.set(entry.key, this.expr(entry.value, env, depth, at));
        return { kind: 'object', entries, complete: expr.complete };
      }
      case 'array':
        return { kind: 'array', items: expr.items.map((item) => this.expr(item, env, depth, at)), complete: expr.complete };
      case 'call':
        return this.call(expr, env, depth, at);
      case 'plain-object':
        return { kind: 'object', entries: new Map(), complete: true, refs: namedValues(expr.names, env) };
      case 'other':
        return UNKNOWN_VALUE;
    }
  }

  private call(call: Extract<Expr, { kind: 'call' }>, env: Env, depth: number, at?: At): Value {
    // Tags.of(x).add(...) / .remove(...), Aspects.of(x).add(...), x.applyAspect(...)
    if (call.callee.kind === 'member') {
      const { property } = call.callee;
      const object = this.expr(call.callee.object, env, depth);
      const args = call.args.map((arg) => this.expr(arg, env, depth, at));
      const keywords = this.keywords(call, env, depth);
      if (object.kind === 'tags-of' && (property === 'add' || property === 'remove')) {
        this.tagOperation(object.target, property, args, keywords, keywords.unknownSpread === true, false);
        return UNKNOWN_VALUE;
      }
      if (object.kind === 'aspects-of' && property === 'add' && args[0]?.kind === 'tag-aspect') {
        const aspect = args[0];
        this.tagOperation(object.target, aspect.action, aspect.args, aspect.keywords, aspect.keywords.unknownSpread === true, false);
        return UNKNOWN_VALUE;
      }
      if (object.kind === 'aspects-of' || property === 'applyAspect') {
        markEscaped(object.kind === 'aspects-of' ? object.target : object, this.global);
        return UNKNOWN_VALUE;
      }
      if (object.kind === 'class' && property === 'of' && object.cls.kind === 'tags')
        return { kind: 'tags-of', target: args[0] ?? UNKNOWN_VALUE };
      if (object.kind === 'class' && property === 'of' && object.name === 'Aspects')
        return { kind: 'aspects-of', target: args[0] ?? UNKNOWN_VALUE };
      const callee = member(object, property);
      if (callee.kind === 'class' || callee.kind === 'local-class') return this.construct(callee, call, args, keywords, depth, at);
      // A method of a construct of aws-cdk-lib (grantRead, addDependency, synth) tags nothing; anything else may.
      if (object.kind === 'construct' && !object.local) return UNKNOWN_VALUE;
      if (object.kind === 'module' || object.kind === 'class') return UNKNOWN_VALUE;
      escapeAll([...args, ...keywords.values()], this.global);
      if (object.kind === 'construct' && object.local) escapeAll([object], this.global);
      return UNKNOWN_VALUE;
    }
    const callee = this.expr(call.callee, env, depth);
    const args = call.args.map((arg) => this.expr(arg, env, depth, at));
    const keywords = this.keywords(call, env, depth);
    if (callee.kind === 'class' || callee.kind === 'local-class') return this.construct(callee, call, args, keywords, depth, at);
    escapeAll([...args, ...keywords.values()], this.global);
    return call.isNew ? this.foreignConstruct(args, call, at) : UNKNOWN_VALUE;
  }

  /** Keyword arguments (Python), with `**kwargs` spread in when it is an object known here. */
  private keywords(call: Extract<Expr, { kind: 'call' }>, env: Env, depth: number): Keywords {
    const keywords: Keywords = new Map();
    for (const spread of call.keywordSpreads) {
      const value = this.expr(spread, env, depth);
      if (value.kind !== 'object' || !value.complete) keywords.unknownSpread = true;
      else for (const [name, entry] of value.entries) keywords.set(name, entry);
    }
    for (const [name, value] of call.keywords) keywords.set(name, this.expr(value, env, depth));
    return keywords;
  }

  /** `new Foreign(this, 'Id')`: a construct of code not known here, which may tag its scope too. */
  private foreignConstruct(args: readonly Value[], call: Extract<Expr, { kind: 'call' }>, at?: At): Value {
    const scope = args[0];
    if (scope?.kind !== 'construct') return UNKNOWN_VALUE;
    const node = this.made(new ConstructNode('scope', stringOf(args[1]), scope.node, 'unknown', undefined, sourceOf(call, at)));
    node.everyKeyUncertain = true;
    return { kind: 'construct', node };
  }

  private construct(
    callee: Extract<Value, { kind: 'class' | 'local-class' }>,
    call: Extract<Expr, { kind: 'call' }>,
    args: readonly Value[],
    keywords: Keywords,
    depth: number,
    at?: At,
  ): Value {
    const source = sourceOf(call, at);
    if (callee.kind === 'local-class') {
      if (depth >= MAX_DEPTH) {
        escapeAll([...args, ...keywords.values()], this.global);
        return UNKNOWN_VALUE;
      }
      this.instantiated.add(callee.decl);
      const kind = this.classKind(callee.decl, depth);
      const scope = args[0];
      const parent = scope?.kind === 'construct' ? scope.node : new ConstructNode('detached', undefined, undefined, 'unknown scope');
      const node = this.made(new ConstructNode(kind ?? 'scope', stringOf(args[1]), parent, callee.decl.name, undefined, source));
      // A base class not known here (a library's construct) may tag itself and its scope.
      if (kind === undefined) {
        node.everyKeyUncertain = true;
        escapeAll([scope ?? UNKNOWN_VALUE], this.global);
      }
      this.instantiateInto(node, callee.decl, args, keywords, depth + 1);
      return { kind: 'construct', node, local: callee.decl };
    }
    const cls = callee.cls;
    // Python's CfnTag(key=..., value=...) is TypeScript's { key, value }.
    if (callee.name === 'CfnTag') return { kind: 'object', entries: keywords, complete: keywords.unknownSpread !== true };
    const props = propsOf(args, keywords, keywords.unknownSpread === true);
    switch (cls.kind) {
      case 'app': {
        const node = this.made(new ConstructNode('app', undefined, undefined, callee.name, undefined, source));
        return { kind: 'construct', node };
      }
      case 'stack':
      case 'scope':
      case 'cdk-other':
      case 'resource': {
        const scope = args[0];
        if (scope?.kind !== 'construct') return UNKNOWN_VALUE;
        const kind = cls.kind === 'cdk-other' ? 'scope' : cls.kind;
        const node = this.made(
          new ConstructNode(kind, stringOf(args[1]), scope.node, callee.name, cls.kind === 'resource' ? cls.cfnType : undefined, source),
        );
        if (cls.kind === 'stack') node.stackTags = tagsProp(props, 'tags');
        if (cls.kind === 'resource') {
          this.constructs.push(node);
          if (cls.layer === 'L1') node.initialTags = tagsProp(props, cls.tagProperty ?? 'tags');
          // An L2 that takes tags itself (a few do): what it does with them is not modelled.
          else if (props === UNKNOWN || !props.complete || [...props.entries.keys()].some((key) => /tags$/i.test(key)))
            node.everyKeyUncertain = true;
          for (const key of cls.selfTags) node.operations.push(selfTag(key));
        }
        return { kind: 'construct', node };
      }
      case 'tags':
        return UNKNOWN_VALUE;
      case 'tag-aspect':
        return { kind: 'tag-aspect', action: cls.action, args, keywords };
    }
  }

  private made(node: ConstructNode): ConstructNode {
    this.nodes.push(node);
    return node;
  }

  /** Which kind of construct a class of this file makes: undefined when its base is not known here. */
  private classKind(decl: ClassStmt, depth: number): 'stack' | 'scope' | undefined {
    if (!decl.superclass || depth > MAX_DEPTH) return undefined;
    const base = this.expr(decl.superclass, this.moduleEnv, depth);
    if (base.kind === 'class') return base.cls.kind === 'stack' ? 'stack' : base.cls.kind === 'scope' ? 'scope' : undefined;
    if (base.kind === 'local-class') return this.classKind(base.decl, depth + 1);
    return undefined;
  }

  /** Runs a constructor of this file with `this` bound to `node`, its base's constructor first (through super). */
  private instantiateInto(node: ConstructNode, decl: ClassStmt, args: readonly Value[], keywords: Keywords, depth: number): void {
    const env = new Env(this.moduleEnv);
    const self: Value = { kind: 'construct', node, local: decl };
    env.set('this', self);
    const ctor: Constructor | undefined = decl.ctor;
    if (ctor) {
      ctor.params.forEach((param, index) => env.set(param, args[index] ?? ABSENT));
      if (ctor.keywordsParam) env.set(ctor.keywordsParam, { kind: 'object', entries: keywords, complete: keywords.unknownSpread !== true });
    }
    const superIndex = ctor ? ctor.body.findIndex((statement) => superCallOf(statement) !== undefined) : -1;
    const superCall = superIndex >= 0 ? superCallOf(ctor!.body[superIndex]!) : undefined;
    // Without a constructor, the base gets the arguments as given.
    const baseArgs = superCall ? superCall.args.map((arg) => this.expr(arg, env, depth)) : ctor ? [] : args;
    const baseKeywords: Keywords = superCall ? this.keywords(superCall, env, depth) : ctor ? new Map<string, Value>() : keywords;
    const baseSpreads = baseKeywords.unknownSpread === true;
    if (superCall || !ctor) {
      const scope = baseArgs[0];
      if (scope && scope.kind !== 'unknown' && !(scope.kind === 'construct' && scope.node === node.parent) && node.kind !== 'detached') {
        // super() given another scope than the one the class was given: the tree is not what it seems.
        node.everyKeyUncertain = true;
      }
    }
    const base = decl.superclass ? this.expr(decl.superclass, this.moduleEnv, depth) : UNKNOWN_VALUE;
    if (base.kind === 'local-class' && depth < MAX_DEPTH) this.instantiateInto(node, base.decl, baseArgs, baseKeywords, depth + 1);
    else if (base.kind === 'class' && base.cls.kind === 'stack' && node.kind !== 'detached')
      node.stackTags = tagsProp(propsOf(baseArgs, baseKeywords, baseSpreads), 'tags');
    else if (base.kind === 'class' && base.cls.kind === 'stack') node.stackTags = UNKNOWN;
    if (ctor) this.statements(superIndex >= 0 ? ctor.body.filter((_, index) => index !== superIndex) : ctor.body, env, depth);
    // Methods may run or not, any number of times.
    for (const call of decl.others) this.mayRunCall(call, env);
  }

  /** A call in code that may run or not: its tag operations make keys unknown; constructs handed out escape. */
  private mayRunCall(call: Expr, env: Env): void {
    if (call.kind !== 'call') return;
    if (call.callee.kind === 'member') {
      const object = this.peek(call.callee.object, env);
      const { property } = call.callee;
      if (object.kind === 'tags-of' && (property === 'add' || property === 'remove')) {
        const args = call.args.map((arg) => this.peek(arg, env));
        const keywords = new Map<string, Value>();
        for (const [name, value] of call.keywords) keywords.set(name, this.peek(value, env));
        this.tagOperation(object.target, property, args, keywords, call.keywordSpreads.length > 0, true);
        return;
      }
      if (object.kind === 'aspects-of' || property === 'applyAspect') {
        markEscaped(object.kind === 'aspects-of' ? object.target : object, this.global);
        return;
      }
      const callee = member(object, property);
      if (object.kind === 'construct' && !object.local) return;
      if ((object.kind === 'module' || object.kind === 'class') && callee.kind !== 'local-class') return;
      if (callee.kind === 'class' && callee.cls.kind !== 'tags') return;
    } else {
      const callee = this.peek(call.callee, env);
      if (callee.kind === 'class') return;
    }
    escapeAll(
      call.args.map((arg) => this.peek(arg, env)),
      this.global,
    );
    for (const value of [...call.keywords.values(), ...call.keywordSpreads]) escapeAll([this.peek(value, env)], this.global);
  }

  /** The value of an expression without running anything in it (code that may not run). */
  private peek(expr: Expr, env: Env): Value {
    switch (expr.kind) {
      case 'name':
        return env.get(expr.name) ?? FOREIGN;
      case 'this':
        return env.get('this') ?? UNKNOWN_VALUE;
      case 'member':
        if (expr.object.kind === 'this') {
          const bound = env.get(`this.${expr.property}`);
          if (bound) return bound;
        }
        return member(this.peek(expr.object, env), expr.property);
      case 'string':
        return { kind: 'string', value: expr.value };
      case 'number':
        return { kind: 'number', value: expr.value };
      case 'object': {
        const entries = new Map<string, Value>();
        for (const entry of expr.entries) entries.set(entry.key, this.peek(entry.value, env));
        return { kind: 'object', entries, complete: expr.complete };
      }
      case 'array':
        return { kind: 'array', items: expr.items.map((item) => this.peek(item, env)), complete: expr.complete };
      case 'plain-object':
        return { kind: 'object', entries: new Map(), complete: true, refs: namedValues(expr.names, env) };
      case 'call': {
        if (expr.callee.kind === 'member' && expr.callee.property === 'of') {
          const owner = this.peek(expr.callee.object, env);
          const target = expr.args[0] ? this.peek(expr.args[0], env) : UNKNOWN_VALUE;
          if (owner.kind === 'class' && owner.cls.kind === 'tags') return { kind: 'tags-of', target };
          if (owner.kind === 'class' && owner.name === 'Aspects') return { kind: 'aspects-of', target };
        }
        return UNKNOWN_VALUE;
      }
      default:
        return UNKNOWN_VALUE;
    }
  }

  private tagOperation(
    target: Value,
    action: 'add' | 'remove',
    args: readonly Value[],
    keywords: ReadonlyMap<string, Value>,
    spreads: boolean,
    mayNotRun: boolean,
  ): void {
    const key = args[0] ?? keywords.get('key');
    const value = action === 'add' ? (args[1] ?? keywords.get('value')) : undefined;
    const given = action === 'add' ? args[2] : args[1];
    const propsArg = given?.kind === 'absent' ? undefined : given;
    const props: Known<Extract<Value, { kind: 'object' }>> | undefined = spreads
      ? UNKNOWN
      : propsArg
        ? propsArg.kind === 'object'
          ? propsArg
          : UNKNOWN
        : keywords.size > 0
          ? { kind: 'object', entries: keywords, complete: true }
          : undefined;
    const operation: TagOperation = {
      action,
      key: key?.kind === 'string' ? key.value : UNKNOWN,
      ...(action === 'add' ? { value: value?.kind === 'string' ? value.value : UNKNOWN } : {}),
      priority: numberProp(props, 'priority', action === 'add' ? ADD_PRIORITY : REMOVE_PRIORITY),
      includeResourceTypes: stringListProp(props, 'includeResourceTypes'),
      excludeResourceTypes: stringListProp(props, 'excludeResourceTypes'),
      ...(mayNotRun ? { mayNotRun } : {}),
    };
    if (target.kind === 'construct') {
      target.node.operations.push(operation);
      return;
    }
    // Which construct is tagged is not known: any may be.
    if (operation.key === UNKNOWN) this.global.every = true;
    else this.global.keys.add(operation.key);
  }
}

function importedValue(moduleName: string, memberName: string | undefined): Value {
  const module = cdkModuleOf(moduleName);
  if (!module) return FOREIGN;
  return memberName === undefined ? { kind: 'module', module } : member({ kind: 'module', module }, memberName);
}

function member(object: Value, property: string): Value {
  if (object.kind === 'module') {
    if (object.module.kind === 'core') {
      const submodule = submoduleOf(property);
      if (submodule) return { kind: 'module', module: submodule };
    }
    const cls = cdkClass(object.module, property);
    return cls
      ? { kind: 'class', name: property, cls }
      : property === 'Aspects'
        ? { kind: 'class', name: property, cls: { kind: 'cdk-other' } }
        : UNKNOWN_VALUE;
  }
  if (object.kind === 'object') return object.entries.get(property) ?? (object.complete ? UNKNOWN_VALUE : UNKNOWN_VALUE);
  if (object.kind === 'foreign') return FOREIGN;
  return UNKNOWN_VALUE;
}

/** The constructs among names (`logs`, `this`, `this.logs`). */
function namedValues(names: readonly string[], env: Env): Value[] {
  const values: Value[] = [];
  for (const name of names) {
    const value = env.get(name) ?? (name.includes('.') ? env.get(name.split('.')[0]!) : undefined);
    if (value?.kind === 'construct') values.push(value);
  }
  return values;
}

function stringOf(value: Value | undefined): string | undefined {
  return value?.kind === 'string' ? value.value : undefined;
}

type ObjectValue = Extract<Value, { kind: 'object' }>;

/** The props object of a construct call: the third argument (TypeScript), or the keyword arguments (Python). */
function propsOf(args: readonly Value[], keywords: ReadonlyMap<string, Value>, spreads: boolean): Known<ObjectValue> {
  if (spreads) return UNKNOWN;
  const third = args[2];
  if (third && third.kind !== 'absent') return third.kind === 'object' ? third : UNKNOWN;
  return { kind: 'object', entries: keywords, complete: true };
}

/** A `tags` prop: `{ Key: 'v' }` (stacks, map-tagged L1s) or `[{ key, value }]` / `[CfnTag(key=, value=)]` (list-tagged L1s). */
function tagsProp(props: Known<ObjectValue>, name: string): Known<ReadonlyMap<string, string | undefined>> | undefined {
  if (props === UNKNOWN) return UNKNOWN;
  const tags = props.entries.get(name);
  if (!tags) return props.complete ? undefined : UNKNOWN;
  const result = new Map<string, string | undefined>();
  if (tags.kind === 'object') {
    if (!tags.complete) return UNKNOWN;
    for (const [key, value] of tags.entries) result.set(key, stringOf(value));
    return result;
  }
  if (tags.kind === 'array') {
    if (!tags.complete) return UNKNOWN;
    for (const item of tags.items) {
      const key = item.kind === 'object' ? stringOf(item.entries.get('key')) : undefined;
      if (key === undefined || item.kind !== 'object') return UNKNOWN;
      result.set(key, stringOf(item.entries.get('value')));
    }
    return result;
  }
  return UNKNOWN;
}

function numberProp(props: Known<ObjectValue> | undefined, name: string, fallback: number): Known<number> {
  if (props === undefined) return fallback;
  if (props === UNKNOWN) return UNKNOWN;
  const value = props.entries.get(name);
  if (!value) return props.complete ? fallback : UNKNOWN;
  return value.kind === 'number' ? value.value : UNKNOWN;
}

function stringListProp(props: Known<ObjectValue> | undefined, name: string): Known<readonly string[]> {
  if (props === undefined) return [];
  if (props === UNKNOWN) return UNKNOWN;
  const value = props.entries.get(name);
  if (!value) return props.complete ? [] : UNKNOWN;
  if (value.kind !== 'array' || !value.complete) return UNKNOWN;
  const items: string[] = [];
  for (const item of value.items) {
    if (item.kind !== 'string') return UNKNOWN;
    items.push(item.value);
  }
  return items;
}

function selfTag(key: string): TagOperation {
  return { action: 'add', key, value: UNKNOWN, priority: ADD_PRIORITY, includeResourceTypes: [], excludeResourceTypes: [] };
}

/** Constructs reachable from values handed to code not known here: anything under them may be tagged. */
function escapeAll(values: readonly Value[], global: GlobalUncertainty): void {
  for (const value of values) markEscaped(value, global);
}

function markEscaped(value: Value, global: GlobalUncertainty): void {
  switch (value.kind) {
    case 'construct':
      value.node.everyKeyUncertain = true;
      break;
    case 'object':
      for (const entry of value.entries.values()) markEscaped(entry, global);
      for (const ref of value.refs ?? []) markEscaped(ref, global);
      break;
    case 'array':
      for (const item of value.items) markEscaped(item, global);
      break;
    case 'tags-of':
    case 'aspects-of':
      markEscaped(value.target, global);
      break;
    case 'unknown':
    case 'foreign':
      break;
    default:
      break;
  }
  void global;
}

/** `super(scope, id, props)` or Python's `super().__init__(scope, id, **kwargs)`. */
function superCallOf(statement: Stmt): Extract<Expr, { kind: 'call' }> | undefined {
  if (statement.kind !== 'expr' || statement.value.kind !== 'call') return undefined;
  const call = statement.value;
  if (call.callee.kind === 'name' && call.callee.name === 'super') return call;
  if (
    call.callee.kind === 'member' &&
    call.callee.property === '__init__' &&
    call.callee.object.kind === 'call' &&
    call.callee.object.callee.kind === 'name' &&
    call.callee.object.callee.name === 'super'
  )
    return call;
  return undefined;
}

/** Where a statement is, for the constructs its calls make. */
interface At {
  readonly place: StatementPlace;
  /** The statement's own expression: a construct made by it is the statement's; any other is nested in it. */
  readonly top: Expr;
  readonly bindsTo?: string;
}

function sourceOf(call: Extract<Expr, { kind: 'call' }>, at: At | undefined): ConstructSource | undefined {
  if (!at) return undefined;
  const own = call === at.top;
  // From `new` to the construct's id: a call with a long props object is not underlined whole.
  const base = at.place.startOffset;
  const end = base + (call.args[1]?.kind === 'string' ? call.args[1].span.end : call.span.end);
  return { place: at.place, start: base + call.span.start, end, nested: !own, ...(own && at.bindsTo ? { reference: at.bindsTo } : {}) };
}
