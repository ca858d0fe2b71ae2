import { escapeXml } from '../../core/xml-escape';
import type { EmulatorResponse, Protocol, ServiceError, ServiceName } from './request';

export const JSON_11 = 'application/x-amz-json-1.1';

export function jsonOk(body: unknown, protocol: Protocol = 'json'): EmulatorResponse {
  return {
    status: 200,
    headers: { 'content-type': protocol === 'json' ? JSON_11 : 'application/json' },
    body: JSON.stringify(body),
  };
}

export function xmlOk(body: string, headers: Record<string, string> = {}): EmulatorResponse {
  return { status: 200, headers: { 'content-type': 'application/xml', ...headers }, body };
}

/**
 * Serialises an error in the shape each protocol's SDK deserialiser reads the error code from:
 * JSON 1.1 `__type`; REST-JSON the `x-amzn-errortype` header; S3 `<Error><Code>`; query `<ErrorResponse><Error><Code>`.
 */
export function errorResponse(protocol: Protocol, service: ServiceName, error: ServiceError, requestId: string): EmulatorResponse {
  const headers: Record<string, string> = { ...error.options.headers };
  if (error.options.bare) return { status: error.status, headers };
  switch (protocol) {
    case 'json':
      return {
        status: error.status,
        headers: { ...headers, 'content-type': JSON_11 },
        body: JSON.stringify({ __type: error.code, message: error.message }),
      };
    case 'rest-json':
      return {
        status: error.status,
        headers: { ...headers, 'content-type': 'application/json', 'x-amzn-errortype': error.code },
        body: JSON.stringify({ message: error.message }),
      };
    case 'query':
      return {
        status: error.status,
        headers: { ...headers, 'content-type': 'text/xml' },
        body:
          `<ErrorResponse xmlns="https://${service}.amazonaws.com/doc/2011-06-15/"><Error><Type>${error.status >= 500 ? 'Receiver' : 'Sender'}</Type>` +
          `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
          `<RequestId>${requestId}</RequestId></ErrorResponse>`,
      };
    case 'rest-xml': {
      const extra = Object.entries(error.options.xmlExtra ?? {})
        .map(([k, v]) => `<${k}>${v}</${k}>`)
        .join('');
      return {
        status: error.status,
        headers: { ...headers, 'content-type': 'application/xml' },
        body:
          `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>` +
          `${extra}<RequestId>${requestId}</RequestId><HostId>emulator</HostId></Error>`,
      };
    }
  }
}
