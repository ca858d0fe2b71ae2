import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyTagMerge, planTagMerge, tagSetsEqual, type TagMergePlan, type TagStore } from '../../../src/core/tag-merge';
import {
  InvalidTagsError,
  MAX_USER_TAGS,
  TooManyTagsError,
  isSystemTagKey,
  userTagCount,
  validateTagValue,
} from '../../../src/core/tag-limits';
import type { TagSet } from '../../../src/core/tag-policy';

/** Keys of `before` that `after` lacks: must always be empty for a write Tagsight makes. */
function lostTagKeys(before: TagSet, after: TagSet): string[] {
  return Object.keys(before).filter((key) => !Object.hasOwn(after, key));
}

const keyChars = fc.constantFrom(...'abcXYZ09 _.:/=+-@'.split(''));
const userKey = fc.string({ unit: keyChars, minLength: 1, maxLength: 12 }).filter((key) => !isSystemTagKey(key));
const value = fc.string({ unit: keyChars, maxLength: 20 });
const systemTags = fc.dictionary(
  fc.constantFrom('aws:cloudformation:stack-name', 'aws:cloudformation:logical-id', 'aws:createdBy'),
  value,
  { maxKeys: 3 },
);
const userTags = (maxKeys: number) => fc.dictionary(userKey, value, { maxKeys });
const existingTags = fc.tuple(userTags(45), systemTags).map(([user, system]) => ({ ...user, ...system }));

describe('planTagMerge (properties)', () => {
  it('keeps every existing tag, aws: tags unchanged, and contains the additions', () => {
    fc.assert(
      fc.property(existingTags, userTags(10), (existing, additions) => {
        let plan: TagMergePlan;
        try {
          plan = planTagMerge(existing, additions);
        } catch (error) {
          // The only refusal for valid keys and values is the 50-tag limit, and it is right.
          assert.ok(error instanceof TooManyTagsError);
          assert.ok(userTagCount({ ...existing, ...additions }) > MAX_USER_TAGS);
          return;
        }
        assert.deepEqual(lostTagKeys(existing, plan.after), []);
        for (const [key, tagValue] of Object.entries(existing)) {
          if (isSystemTagKey(key) || !Object.hasOwn(additions, key)) assert.equal(plan.after[key], tagValue);
        }
        for (const [key, tagValue] of Object.entries(additions)) assert.equal(plan.after[key], tagValue);
        assert.ok(userTagCount(plan.after) <= MAX_USER_TAGS);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses with a clear error past 50 user tags', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), systemTags, (extra, system) => {
        const existing: Record<string, string> = { ...system };
        for (let i = 0; i < MAX_USER_TAGS; i++) existing[`k${i}`] = 'v';
        const additions: Record<string, string> = {};
        for (let i = 0; i < extra; i++) additions[`new${i}`] = 'v';
        assert.throws(
          () => planTagMerge(existing, additions),
          (error: Error) =>
            error instanceof TooManyTagsError && /at most 50/.test(error.message) && /Nothing was written/.test(error.message),
        );
      }),
      { numRuns: 50 },
    );
  });

  it('system tags do not count toward the 50', () => {
    const existing: Record<string, string> = { 'aws:cloudformation:stack-name': 's' };
    for (let i = 0; i < 49; i++) existing[`k${i}`] = 'v';
    assert.equal(userTagCount(planTagMerge(existing, { Service: 'api' }).after), 50);
  });

  it('refuses aws: keys and invalid keys or values before anything else', () => {
    assert.throws(
      () => planTagMerge({}, { 'AWS:x': 'v' }),
      (e: Error) => e instanceof InvalidTagsError && /reserves/.test(e.message),
    );
    assert.throws(() => planTagMerge({}, { '': 'v' }), InvalidTagsError);
    assert.throws(() => planTagMerge({}, { ['k'.repeat(129)]: 'v' }), /longer than 128/);
    assert.throws(() => planTagMerge({}, { k: 'v'.repeat(257) }), /longer than 256/);
    assert.throws(() => planTagMerge({}, { k: 'a;b' }), /may only use/);
    assert.equal(validateTagValue('Service', 'transcribe'), undefined);
    assert.equal(validateTagValue('Service', 'é 東京'), undefined, 'Unicode letters are allowed');
  });

  it('is unchanged exactly when the additions are already present', () => {
    fc.assert(
      fc.property(existingTags, (existing) => {
        const userOnly = Object.fromEntries(Object.entries(existing).filter(([key]) => !isSystemTagKey(key)));
        assert.equal(planTagMerge(existing, userOnly).unchanged, true);
      }),
      { numRuns: 100 },
    );
  });
});

/** An in-memory tag store that replaces the whole set, as PutBucketTagging does, with injectable faults. */
class ReplacingStore implements TagStore {
  readonly description = 'test bucket';
  writes = 0;
  constructor(
    public tags: TagSet,
    private readonly faults: { read?: number[]; write?: 'throw-before' | 'throw-after'; changeBeforeRead?: TagSet } = {},
  ) {}
  private reads = 0;
  async read(): Promise<TagSet> {
    this.reads++;
    if (this.faults.read?.includes(this.reads)) throw new Error('ThrottlingException');
    if (this.reads === 1 && this.faults.changeBeforeRead) this.tags = this.faults.changeBeforeRead;
    return { ...this.tags };
  }
  async write(plan: TagMergePlan): Promise<void> {
    this.writes++;
    if (this.faults.write === 'throw-before') throw new Error('InternalError');
    this.tags = { ...plan.after };
    if (this.faults.write === 'throw-after') throw new Error('TimeoutError');
  }
}

describe('applyTagMerge', () => {
  const before = { Owner: 'rnd', 'aws:cloudformation:stack-name': 'x' };

  it('writes the merge and verifies it', async () => {
    const store = new ReplacingStore(before);
    const outcome = await applyTagMerge(store, before, { Service: 'transcribe' });
    assert.equal(outcome.kind, 'written');
    assert.deepEqual(store.tags, { ...before, Service: 'transcribe' });
  });

  it('writes nothing when nothing changes', async () => {
    const store = new ReplacingStore({ ...before, Service: 'a' });
    const outcome = await applyTagMerge(store, { ...before, Service: 'a' }, { Service: 'a' });
    assert.equal(outcome.kind, 'unchanged');
    assert.equal(store.writes, 0);
  });

  it('stops and shows the new state when the tags changed since the preview', async () => {
    const changed = { ...before, Team: 'added-by-someone' };
    const store = new ReplacingStore(before, { changeBeforeRead: changed });
    const outcome = await applyTagMerge(store, before, { Service: 'transcribe' });
    assert.equal(outcome.kind, 'changed-since-preview');
    assert.deepEqual(outcome.kind === 'changed-since-preview' && outcome.current, changed);
    assert.equal(store.writes, 0);
  });

  it('refuses invalid additions before any call', async () => {
    const store = new ReplacingStore(before);
    await assert.rejects(applyTagMerge(store, before, { 'aws:x': 'v' }), InvalidTagsError);
    assert.equal(store.writes, 0);
  });

  it('never leaves fewer tags than before, whatever call fails', async () => {
    const faults = [{ read: [1] }, { read: [2] }, { write: 'throw-before' as const }, { write: 'throw-after' as const }];
    for (const fault of faults) {
      const store = new ReplacingStore(before, fault);
      await applyTagMerge(store, before, { Service: 'transcribe' }).catch(() => undefined);
      assert.deepEqual(lostTagKeys(before, store.tags), [], JSON.stringify(fault));
      assert.ok(tagSetsEqual(store.tags, before) || store.tags.Service === 'transcribe');
    }
  });
});
