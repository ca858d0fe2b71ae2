import * as path from 'node:path';
import type { CodeFinding } from '../../core/code-finding';
import { errorMessage } from '../../core/errors';
import type { AnalysisSession, AnalyzerContext, DocumentAnalyzer, SourceFiles, TextChange } from '../document-analyzer';
import { reparse } from '../incremental-parse';
import { parseErrorFinding } from '../parse-error';
import { type Parser, type Tree, createParser } from '../parser-runtime';
import { type TagMap, emptyTagMap } from './hcl-eval';
import {
  type ModuleFile,
  type ModuleModel,
  buildModuleModel,
  defaultTagsFor,
  intersectTagMaps,
  localModuleCalls,
  withoutRanges,
} from './module-model';
import { SyntaxRecovery } from './syntax-recovery';
import { type ResourceCache, checkTerraformFile } from './tag-check';

/**
 * Terraform (.tf): one tree per open document, reparsed incrementally; the other files of the same module come
 * through the context's SourceFiles (only those that declare providers or locals, which is all the checks need
 * from them, are parsed) and are kept
 * in a cache shared by every session, so checking a directory of 2,000 files does not parse each sibling 2,000
 * times.
 */
const SIBLING_LISTING_TTL_MS = 2000;
const MAY_DECLARE_CONTEXT = /^\s*(provider|locals|module)\b/m;
/** How far up a local module's callers are looked for (`./modules/x` called from the root is two levels). */
const CALLER_LEVELS = 3;

interface SiblingFile {
  readonly stamp: string;
  readonly tree?: Tree;
  readonly text?: string;
}

class ModuleFileCache {
  private readonly directories = new Map<string, { listedAt: number; files: Map<string, SiblingFile> }>();
  private parser: Parser | undefined;

  async siblings(filePath: string, source: SourceFiles): Promise<ModuleFile[]> {
    return (await this.moduleFiles(path.dirname(filePath), source)).filter((file) => file.path !== filePath);
  }

  /** The files of a directory that declare providers, locals or modules. */
  async moduleFiles(directory: string, source: SourceFiles): Promise<ModuleFile[]> {
    let entry = this.directories.get(directory);
    if (!entry || Date.now() - entry.listedAt > SIBLING_LISTING_TTL_MS) {
      entry = { listedAt: Date.now(), files: await this.refresh(directory, source, entry?.files) };
      this.directories.set(directory, entry);
    }
    const files: ModuleFile[] = [];
    for (const [file, sibling] of entry.files) {
      if (sibling.tree && sibling.text !== undefined) files.push({ path: file, root: sibling.tree.rootNode, text: sibling.text });
    }
    return files;
  }

  /**
   * Default tags a child module gets from the modules that call it with a local source (`source = "./x"`),
   * following `providers = { aws = aws.eu }`. Several callers: only what all of them give is certain.
   */
  async inheritedDefaults(directory: string, source: SourceFiles): Promise<Map<string, TagMap> | undefined> {
    const perAlias = new Map<string, TagMap[]>();
    let up = path.dirname(directory);
    for (let level = 0; level < CALLER_LEVELS && up !== path.dirname(up); level++, up = path.dirname(up)) {
      const files = await this.moduleFiles(up, source);
      let model: ModuleModel | undefined;
      for (const file of files) {
        for (const call of localModuleCalls(file, up)) {
          if (call.directory !== directory) continue;
          model ??= buildModuleModel(files);
          for (const [childAlias, parentAlias] of call.providers) {
            const defaults = defaultTagsFor(model, parentAlias);
            const list = perAlias.get(childAlias) ?? [];
            list.push(defaults ? withoutRanges(defaults) : emptyTagMap());
            perAlias.set(childAlias, list);
          }
        }
      }
    }
    if (perAlias.size === 0) return undefined;
    return new Map([...perAlias].map(([alias, maps]) => [alias, intersectTagMaps(maps)]));
  }

  /** A file of this folder changed on disk: its next listing is read again (unchanged files keep their trees). */
  expire(directory: string): void {
    const entry = this.directories.get(directory);
    if (entry) entry.listedAt = Number.NEGATIVE_INFINITY;
  }

  private async refresh(directory: string, source: SourceFiles, previous?: Map<string, SiblingFile>): Promise<Map<string, SiblingFile>> {
    const files = new Map<string, SiblingFile>();
    let names: readonly string[] = [];
    try {
      names = (await source.listDirectory(directory)).filter((name) => name.endsWith('.tf'));
    } catch {
      // A document without a directory on disk (untitled) has no siblings.
    }
    for (const name of names) {
      const file = path.join(directory, name);
      try {
        const stamp = await source.stamp(file);
        if (stamp === undefined) continue;
        const old = previous?.get(file);
        if (old && old.stamp === stamp) {
          files.set(file, old);
          previous!.delete(file);
          continue;
        }
        old?.tree?.delete();
        previous?.delete(file);
        const text = await source.readText(file);
        if (!MAY_DECLARE_CONTEXT.test(text)) {
          files.set(file, { stamp });
          continue;
        }
        this.parser ??= await createParser('terraform');
        const tree = this.parser.parse(text);
        files.set(file, { stamp, ...(tree ? { tree, text } : {}) });
      } catch {
        // Unreadable sibling: checked without it.
      }
    }
    for (const gone of previous?.values() ?? []) gone.tree?.delete();
    return files;
  }

  dispose(): void {
    for (const entry of this.directories.values()) for (const file of entry.files.values()) file.tree?.delete();
    this.directories.clear();
    this.parser?.delete();
    this.parser = undefined;
  }
}

class TerraformSession implements AnalysisSession {
  private parser: Parser | undefined;
  private previous: { tree: Tree; text: string } | undefined;
  private readonly recovery = new SyntaxRecovery();
  private disposed = false;
  /** Resource findings of the last analysis, valid while `cacheKey` (policy, settings, module context) holds. */
  private readonly resourceCache: ResourceCache = new Map();
  private cacheKey: { policy: unknown; additional: string; signature: string } | undefined;

  constructor(
    private readonly filePath: string,
    private readonly modules: ModuleFileCache,
  ) {}

  async analyze(text: string, context: AnalyzerContext, changes?: readonly TextChange[]): Promise<CodeFinding[]> {
    if (this.disposed) return [];
    this.parser ??= await createParser('terraform');
    const tree = reparse(this.parser, text, this.previous, changes);
    if (this.previous && this.previous.tree !== tree) this.previous.tree.delete();
    if (!tree) {
      this.previous = undefined;
      return [];
    }
    this.previous = { tree, text };
    if (context.policyMissing || context.policy.requirements.length === 0) return [];
    try {
      const siblings = context.files ? await this.modules.siblings(this.filePath, context.files) : [];
      if (this.disposed) return [];
      // With syntax errors, the blocks tree-sitter's error recovery lost are read again from a copy of the text with
      // the broken blocks blanked out (same positions). One root object for the whole analysis: the block index is
      // memoised per root.
      const readable = this.recovery.read(this.parser, tree, text);
      const root = readable.root;
      const files = [{ path: this.filePath, root, text: readable.text }, ...siblings];
      let model = buildModuleModel(files);
      if (!model.declaresProviders) {
        // A child module: its resources get the default tags of the providers its callers pass in.
        const inherited = context.files ? await this.modules.inheritedDefaults(path.dirname(this.filePath), context.files) : undefined;
        if (inherited) model = buildModuleModel(files, inherited);
      }
      const additional = JSON.stringify(context.additionalTaggableTypes ?? []);
      if (
        !this.cacheKey ||
        this.cacheKey.policy !== context.policy ||
        this.cacheKey.additional !== additional ||
        this.cacheKey.signature !== model.signature
      ) {
        this.resourceCache.clear();
        this.cacheKey = { policy: context.policy, additional, signature: model.signature };
      }
      const findings = checkTerraformFile({
        cache: this.resourceCache,
        root,
        text: readable.text,
        readableEnd: readable.readableEnd,
        filePath: this.filePath,
        model,
        policy: context.policy,
        ...(context.additionalTaggableTypes ? { additionalTaggableTypes: context.additionalTaggableTypes } : {}),
      });
      const problem = readable.problem;
      return problem ? [parseErrorFinding(problem.range, problem.what, 'blocks'), ...findings] : findings;
    } catch (error) {
      // Never let one odd file take the editor or the CLI down: log and report nothing for it.
      context.logger.error(`Terraform check failed for ${this.filePath}: ${errorMessage(error)}`);
      return [];
    }
  }

  dispose(): void {
    this.disposed = true;
    this.previous?.tree.delete();
    this.previous = undefined;
    this.recovery.dispose();
    this.resourceCache.clear();
    this.parser?.delete();
    this.parser = undefined;
  }
}

export class TerraformAnalyzer implements DocumentAnalyzer {
  readonly id = 'terraform';
  readonly kind = 'iac';
  readonly filePatterns = ['*.tf'];
  private readonly modules = new ModuleFileCache();

  handles(filePath: string, languageId?: string): boolean {
    return languageId === 'terraform' || filePath.endsWith('.tf');
  }

  /** A provider's default_tags, a variable, a module: any .tf file may matter, so each is parsed. */
  mayFindIn(): boolean {
    return true;
  }

  createSession(filePath: string): AnalysisSession {
    return new TerraformSession(filePath, this.modules);
  }

  fileChanged(filePath: string): void {
    if (filePath.endsWith('.tf')) this.modules.expire(path.dirname(filePath));
  }

  dispose(): void {
    this.modules.dispose();
  }
}
