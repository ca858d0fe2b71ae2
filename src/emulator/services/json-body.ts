import { ServiceError } from '../protocol/request';

/** Parses a JSON request body; AWS answers a body it cannot read with SerializationException. */
export function parseJsonBody(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new ServiceError('SerializationException', 'Start of structure or map found where not expected');
}
