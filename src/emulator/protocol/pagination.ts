import { ServiceError } from './request';

/** Opaque tokens that carry an offset; a token from another call is rejected as AWS does. */
export function encodeToken(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ s: scope, o: offset })).toString('base64');
}

export function decodeToken(scope: string, token: unknown, errorCode = 'InvalidNextTokenException'): number {
  if (token === undefined || token === null || token === '') return 0;
  try {
    const parsed = JSON.parse(Buffer.from(String(token), 'base64').toString('utf8')) as { s?: unknown; o?: unknown };
    if (parsed.s === scope && typeof parsed.o === 'number' && parsed.o >= 0) return parsed.o;
  } catch {
    // fall through to the error below
  }
  throw new ServiceError(errorCode, 'The nextToken provided is invalid');
}

/** One page of `items` starting at the token's offset. */
export function page<T>(
  items: readonly T[],
  scope: string,
  token: unknown,
  limit: number,
  errorCode?: string,
): { items: T[]; next?: string } {
  const offset = decodeToken(scope, token, errorCode);
  const slice = items.slice(offset, offset + limit);
  const end = offset + slice.length;
  return { items: slice, ...(end < items.length ? { next: encodeToken(scope, end) } : {}) };
}

export function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}
