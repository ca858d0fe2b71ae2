import { ServiceError, type Protocol, type ServiceName } from './protocol/request';

export type FaultKind =
  'latency' | 'throttle' | 'server-error' | 'timeout' | 'access-denied' | 'expired-token' | 'unrecognized-client' | 'malformed';

export const FAULT_KINDS: readonly FaultKind[] = [
  'latency',
  'throttle',
  'server-error',
  'timeout',
  'access-denied',
  'expired-token',
  'unrecognized-client',
  'malformed',
];

/** One injected fault. Omitted selectors (or `*`) match everything. */
export interface FaultSpec {
  kind: FaultKind;
  /** Operation name as in the API (`DescribeConfigRules`, `ListBuckets`, `LookupEvents`, ...). */
  operation?: string;
  service?: ServiceName | '*';
  region?: string;
  /** For `latency`: extra delay in milliseconds. */
  latencyMs?: number;
  /**
   * For `timeout`: drop the connection after this many milliseconds (the client sees a reset). Omitted: hold it
   * until the client gives up or the emulator closes.
   */
  holdMs?: number;
  /** Applies to the next N matching calls, then disappears; omitted: always. */
  times?: number;
}

export interface ActiveFault extends FaultSpec {
  id: string;
}

/** The faults in force; matching consumes one use of a `times`-limited fault. */
export class FaultSet {
  private faults: ActiveFault[] = [];
  private counter = 0;

  add(spec: FaultSpec): string {
    validateFault(spec);
    const id = `fault-${++this.counter}`;
    this.faults.push({ ...spec, id });
    return id;
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length < before;
  }

  clear(): void {
    this.faults = [];
  }

  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** The faults that apply to this call, in the order added; each use counts against `times`. */
  take(service: ServiceName, operation: string, region: string): ActiveFault[] {
    const matched = this.faults.filter(
      (f) =>
        matches(f.service, service) &&
        matches(f.operation, operation) &&
        matches(f.region, region) &&
        (f.times === undefined || f.times > 0),
    );
    for (const fault of matched) if (fault.times !== undefined) fault.times--;
    this.faults = this.faults.filter((f) => f.times === undefined || f.times > 0);
    return matched;
  }
}

function matches(selector: string | undefined, value: string): boolean {
  return selector === undefined || selector === '*' || selector === value;
}

export function validateFault(spec: FaultSpec): void {
  if (!FAULT_KINDS.includes(spec.kind))
    throw new Error(`unknown fault kind ${JSON.stringify(spec.kind)}; expected one of ${FAULT_KINDS.join(', ')}`);
  if (spec.kind === 'latency' && !(typeof spec.latencyMs === 'number' && spec.latencyMs >= 0))
    throw new Error('a latency fault needs latencyMs >= 0');
  if (spec.holdMs !== undefined && !(typeof spec.holdMs === 'number' && spec.holdMs >= 0)) throw new Error('holdMs must be a number >= 0');
  if (spec.times !== undefined && !(Number.isInteger(spec.times) && spec.times > 0)) throw new Error('times must be a positive integer');
}

/**
 * The error each service really answers for a fault, in its own vocabulary: JSON services say
 * ThrottlingException, S3 says SlowDown (503), STS says Throttling, and so on.
 */
export function faultError(kind: FaultKind, service: ServiceName, protocol: Protocol, operation: string): ServiceError {
  const bare = operation === 'HeadBucket';
  const s3 = service === 's3' || service === 's3-control';
  switch (kind) {
    case 'throttle':
      if (s3) return new ServiceError('SlowDown', 'Please reduce your request rate.', 503, { bare });
      if (service === 'sts') return new ServiceError('Throttling', 'Rate exceeded', 400);
      if (service === 'tagging') return new ServiceError('ThrottledException', 'Rate exceeded', 400);
      if (protocol === 'rest-json') return new ServiceError('TooManyRequestsException', 'Rate exceeded', 429);
      return new ServiceError('ThrottlingException', 'Rate exceeded', 400);
    case 'server-error':
      if (s3) return new ServiceError('InternalError', 'We encountered an internal error. Please try again.', 500, { bare });
      if (service === 'tagging') return new ServiceError('InternalServiceException', 'Internal service error', 500);
      if (protocol === 'rest-json') return new ServiceError('InternalServerException', 'Internal server error', 500);
      return new ServiceError(
        'InternalFailure',
        'The request processing has failed because of an unknown error, exception or failure.',
        500,
      );
    case 'access-denied':
      if (s3) return new ServiceError('AccessDenied', 'Access Denied', 403, { bare });
      if (service === 'sts') return new ServiceError('AccessDenied', 'User is not authorized to perform this operation', 403);
      return new ServiceError(
        'AccessDeniedException',
        `User is not authorized to perform: ${operation} with an explicit deny`,
        protocol === 'rest-json' ? 403 : 400,
      );
    case 'expired-token':
      if (s3) return new ServiceError('ExpiredToken', 'The provided token has expired.', 400, { bare });
      return new ServiceError(
        'ExpiredTokenException',
        'The security token included in the request is expired',
        protocol === 'rest-json' ? 403 : 400,
      );
    case 'unrecognized-client':
      return unrecognizedClient(service, protocol, operation);
    default:
      throw new Error(`fault ${kind} is not an error response`);
  }
}

/**
 * What a call to a disabled opt-in region gets. JSON services: UnrecognizedClientException (documented by public
 * reports); STS: InvalidClientTokenId. S3's answer is UNCONFIRMED; InvalidAccessKeyId is a guess.
 */
export function unrecognizedClient(service: ServiceName, protocol: Protocol, operation: string): ServiceError {
  if (service === 's3' || service === 's3-control')
    return new ServiceError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', 403, {
      bare: operation === 'HeadBucket',
    });
  if (service === 'sts') return new ServiceError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
  return new ServiceError(
    'UnrecognizedClientException',
    'The security token included in the request is invalid',
    protocol === 'rest-json' ? 403 : 400,
  );
}

/** A 200 response whose body the SDK cannot parse. */
export function malformedBody(protocol: Protocol): { contentType: string; body: string } {
  if (protocol === 'json' || protocol === 'rest-json')
    return { contentType: protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json', body: '{"truncated": [1, 2' };
  return {
    contentType: protocol === 'query' ? 'text/xml' : 'application/xml',
    body: '<?xml version="1.0" encoding="UTF-8"?>\n<Result><Unclosed>',
  };
}
