import type { IncomingHttpHeaders } from 'node:http';

/** The wire protocols the emulated services speak; each has its own error shape. */
export type Protocol = 'json' | 'rest-json' | 'rest-xml' | 'query';

export type ServiceName = 'config' | 'cloudtrail' | 'tagging' | 'organizations' | 'sts' | 'account' | 's3' | 's3-control';

/** One parsed HTTP request, routed to a service and an operation. */
export interface EmulatorRequest {
  method: string;
  /** Path without the query string, percent-decoded per segment by the service that needs it. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  service: ServiceName;
  protocol: Protocol;
  operation: string;
  /** The region of the endpoint the client used, from the SigV4 credential scope. */
  region: string;
  /** From the credential scope; an identifier, not a secret (CloudTrail shows it too). */
  accessKeyId?: string;
  userAgent: string;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** A service error the protocol layer serialises into the shape the SDK parses into `name === code`. */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly options: {
      headers?: Record<string, string>;
      /** Extra XML elements inside <Error> (S3), already escaped. */
      xmlExtra?: Record<string, string>;
      /** HEAD responses and some S3 errors carry no body at all. */
      bare?: boolean;
    } = {},
  ) {
    super(message);
    this.name = code;
  }
}

/** What a SigV4 Authorization header says, without keeping the signature. */
export function parseCredentialScope(
  authorization: string | undefined,
): { accessKeyId: string; region: string; service: string } | undefined {
  const match = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? '');
  if (!match) return undefined;
  return { accessKeyId: match[1]!, region: match[2]!, service: match[3]! };
}
