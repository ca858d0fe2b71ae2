import { isAbortError } from './errors';

/**
 * What went wrong with an AWS call, in words a user can act on. The kind is stable (tests, JSON, icons); the
 * message is plain language. Causes AWS does not state (a disabled opt-in region answers "the security token
 * included in the request is invalid") are worded as likely causes, with the code as evidence.
 */
export type ScanErrorKind =
  | 'throttled'
  | 'access-denied'
  | 'region-disabled'
  | 'expired-credentials'
  | 'no-credentials'
  | 'network'
  | 'server-error'
  | 'cancelled'
  | 'other';

export interface ScanError {
  readonly kind: ScanErrorKind;
  /** The AWS operation that failed, when known (`DescribeConfigRules`). */
  readonly operation?: string;
  /** The error code AWS or the SDK gave (`ThrottlingException`). */
  readonly code?: string;
  readonly message: string;
}

/** The facts of an error an adapter extracts from an SDK exception (never its request, headers or credentials). */
export interface ErrorFacts {
  readonly name?: string;
  readonly code?: string;
  readonly httpStatus?: number;
  readonly message?: string;
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);
const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedException', 'Forbidden']);
// Config and other JSON services answer UnrecognizedClientException in a region the account has not enabled;
// STS says InvalidClientTokenId, EC2 AuthFailure (docs/aws-behaviour.md#opt-in-regions).
const REGION_REJECTS_CREDENTIALS = new Set(['UnrecognizedClientException', 'InvalidClientTokenId', 'AuthFailure']);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired', 'InvalidToken']);
const NETWORK = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
  'NetworkingError',
]);
const NO_CREDENTIALS = new Set(['CredentialsProviderError', 'TokenProviderError']);

export function classifyError(facts: ErrorFacts, operation?: string): ScanError {
  const code = facts.code ?? facts.name;
  const names = [facts.code, facts.name].filter((value): value is string => Boolean(value));
  const has = (set: Set<string>) => names.some((name) => set.has(name));
  const where = operation ? `${operation}: ` : '';
  const base = { operation, code };
  if (names.includes('AbortError') || (facts.message && /aborted|cancell?ed/i.test(facts.message) && names.includes('Error'))) {
    return { ...base, kind: 'cancelled', message: 'Cancelled.' };
  }
  if (has(THROTTLING) || facts.httpStatus === 429) {
    return {
      ...base,
      kind: 'throttled',
      message: `${where}AWS throttled the requests and retries did not get through (${code}). Try again in a minute.`,
    };
  }
  if (has(EXPIRED)) {
    return {
      ...base,
      kind: 'expired-credentials',
      message: `${where}the credentials have expired (${code}). Sign in again (for SSO: aws sso login) and refresh.`,
    };
  }
  if (has(REGION_REJECTS_CREDENTIALS)) {
    return {
      ...base,
      kind: 'region-disabled',
      message: `${where}this region rejected the credentials (${code}); likely cause: the region is not enabled for this account (an opt-in region).`,
    };
  }
  if (has(ACCESS_DENIED) || facts.httpStatus === 403) {
    return {
      ...base,
      kind: 'access-denied',
      message: `${where}access denied (${code ?? 'HTTP 403'}): the credentials lack the permission for this call.`,
    };
  }
  if (has(NO_CREDENTIALS)) {
    return { ...base, kind: 'no-credentials', message: `No AWS credentials could be loaded: ${facts.message ?? code}.` };
  }
  if (names.includes('MalformedResponse')) {
    return { ...base, kind: 'other', message: `${where}AWS sent a response that could not be read (malformed body).` };
  }
  if (has(NETWORK) || (facts.message && /socket hang up|timed? ?out|ECONN|getaddrinfo/i.test(facts.message))) {
    return { ...base, kind: 'network', message: `${where}the request did not complete (network or timeout: ${code ?? facts.message}).` };
  }
  if (facts.httpStatus !== undefined && facts.httpStatus >= 500) {
    return {
      ...base,
      kind: 'server-error',
      message: `${where}AWS answered with a server error (${code ?? 'HTTP ' + facts.httpStatus}) after retries.`,
    };
  }
  const detail = facts.message ? `: ${facts.message}` : '';
  return { ...base, kind: 'other', message: `${where}${code ?? 'error'}${detail}` };
}

/** Classifies anything thrown, including cancellation. Adapters pass SDK errors through `awsErrorFacts` first. */
export function classifyThrown(error: unknown, facts: ErrorFacts, operation?: string): ScanError {
  if (isAbortError(error)) return { operation, kind: 'cancelled', code: 'AbortError', message: 'Cancelled.' };
  return classifyError(facts, operation);
}

/** Errors that make every further call pointless: the whole scan stops and says why. */
export function stopsTheScan(error: ScanError): boolean {
  return error.kind === 'expired-credentials' || error.kind === 'no-credentials' || error.kind === 'cancelled';
}

/** One short phrase per kind, for tree descriptions and the status bar. */
export function errorKindLabel(kind: ScanErrorKind): string {
  switch (kind) {
    case 'throttled':
      return 'throttled';
    case 'access-denied':
      return 'access denied';
    case 'region-disabled':
      return 'region disabled';
    case 'expired-credentials':
      return 'credentials expired';
    case 'no-credentials':
      return 'no credentials';
    case 'network':
      return 'network or timeout';
    case 'server-error':
      return 'AWS server error';
    case 'cancelled':
      return 'cancelled';
    case 'other':
      return 'error';
  }
}
