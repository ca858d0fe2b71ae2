import { TagsightError } from './errors';

/**
 * AWS tag limits (docs/aws-behaviour.md#tag-limits): 50 user tags per resource, keys of 1-128 and
 * values of 0-256 Unicode characters from letters, numbers, spaces and `+ - = . _ : / @`, and the `aws:` prefix
 * (any case) reserved for AWS. System tags do not count toward the 50.
 */
export const MAX_USER_TAGS = 50;
export const MAX_KEY_LENGTH = 128;
export const MAX_VALUE_LENGTH = 256;

const ALLOWED_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export function isSystemTagKey(key: string): boolean {
  return key.toLowerCase().startsWith('aws:');
}

/** Length in Unicode characters (code points), as AWS counts, not UTF-16 units. */
function characterCount(text: string): number {
  return [...text].length;
}

export type TagProblemCode = 'reserved-key' | 'empty-key' | 'key-too-long' | 'value-too-long' | 'invalid-characters';

export interface TagProblem {
  readonly code: TagProblemCode;
  readonly key: string;
  readonly message: string;
}

/** Problems with a key or value the user wants to write; empty when AWS would accept it. */
export function tagProblems(key: string, value: string): TagProblem[] {
  const problems: TagProblem[] = [];
  const shownKey = JSON.stringify(key);
  if (isSystemTagKey(key)) {
    problems.push({ code: 'reserved-key', key, message: `Tag key ${shownKey} starts with "aws:", which AWS reserves for its own tags.` });
  }
  if (key.length === 0) problems.push({ code: 'empty-key', key, message: 'A tag key cannot be empty.' });
  if (characterCount(key) > MAX_KEY_LENGTH) {
    problems.push({ code: 'key-too-long', key, message: `Tag key ${shownKey} is longer than ${MAX_KEY_LENGTH} characters.` });
  }
  if (characterCount(value) > MAX_VALUE_LENGTH) {
    problems.push({ code: 'value-too-long', key, message: `The value of ${shownKey} is longer than ${MAX_VALUE_LENGTH} characters.` });
  }
  if (!ALLOWED_CHARACTERS.test(key) || !ALLOWED_CHARACTERS.test(value)) {
    problems.push({
      code: 'invalid-characters',
      key,
      message: `Tag ${shownKey} may only use letters, numbers, spaces and + - = . _ : / @.`,
    });
  }
  return problems;
}

/** The first problem's message, for input-box validation; undefined when the value is fine. */
export function validateTagValue(key: string, value: string): string | undefined {
  return tagProblems(key, value)[0]?.message;
}

export function userTagCount(tags: Readonly<Record<string, string>>): number {
  return Object.keys(tags).filter((key) => !isSystemTagKey(key)).length;
}

export class InvalidTagsError extends TagsightError {
  constructor(readonly problems: readonly TagProblem[]) {
    super('invalid-tags', problems.map((problem) => problem.message).join(' '));
    this.name = 'InvalidTagsError';
  }
}

export class TooManyTagsError extends TagsightError {
  constructor(readonly count: number) {
    super(
      'too-many-tags',
      `The tag set would have ${count} tags; AWS allows at most ${MAX_USER_TAGS} (aws: system tags not counted). Nothing was written.`,
    );
    this.name = 'TooManyTagsError';
  }
}
