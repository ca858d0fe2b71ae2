import { classifyThrown, type ErrorFacts, type ScanError } from '../core/scan-error';

/**
 * The facts of an SDK v3 (or Node network) error that classification needs: its name or code and HTTP status.
 * Never the request, headers or raw response, which may carry credentials or signed URLs.
 */
export function awsErrorFacts(error: unknown): ErrorFacts {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const record = error as {
    name?: unknown;
    code?: unknown;
    Code?: unknown;
    message?: unknown;
    $metadata?: { httpStatusCode?: unknown };
    $response?: { statusCode?: unknown };
  };
  const message = typeof record.message === 'string' ? record.message : undefined;
  const httpStatus =
    typeof record.$metadata?.httpStatusCode === 'number'
      ? record.$metadata.httpStatusCode
      : typeof record.$response?.statusCode === 'number'
        ? record.$response.statusCode
        : undefined;
  // The SDK reports a body it cannot parse as a SyntaxError or "Deserialization error" with the raw $response.
  if (message && /Deserialization error|Unexpected token|Unexpected end of JSON|not valid JSON|Expected .* but got/i.test(message)) {
    return { name: 'MalformedResponse', code: 'MalformedResponse', httpStatus, message: 'AWS sent a response that could not be read' };
  }
  const name = typeof record.name === 'string' ? record.name : undefined;
  const code = typeof record.Code === 'string' ? record.Code : typeof record.code === 'string' ? record.code : undefined;
  // Plain "Error" names carry no meaning; the code (ECONNREFUSED) or the message does.
  return { name: name === 'Error' && code ? code : name, code: code ?? (name !== 'Error' ? name : undefined), httpStatus, message };
}

/** Whether an SDK error carries one of these AWS error codes (`NoSuchTagSet`), by name or code, never by message. */
export function isAwsError(error: unknown, ...codes: readonly string[]): boolean {
  const { name, code } = awsErrorFacts(error);
  return codes.some((expected) => expected === name || expected === code);
}

export function classifyAwsError(error: unknown, operation: string): ScanError {
  return classifyThrown(error, awsErrorFacts(error), operation);
}
