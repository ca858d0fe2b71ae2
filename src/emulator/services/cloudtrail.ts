import type { World } from '../model/world';
import type { TrailEvent } from '../model/types';
import { epochSeconds, page } from '../protocol/pagination';
import { ServiceError, type EmulatorRequest, type EmulatorResponse } from '../protocol/request';
import { jsonOk } from '../protocol/respond';
import { parseJsonBody } from './json-body';

const RETENTION_MS = 90 * 24 * 3600 * 1000;
const ATTRIBUTES: Record<string, (e: TrailEvent) => string[]> = {
  EventId: (e) => [e.eventId],
  EventName: (e) => [e.eventName],
  EventSource: (e) => [e.eventSource],
  ReadOnly: (e) => [String(e.readOnly)],
  Username: (e) => (e.username ? [e.username] : []),
  AccessKeyId: (e) => (e.accessKeyId ? [e.accessKeyId] : []),
  ResourceType: (e) => e.resources.map((r) => r.ResourceType),
  ResourceName: (e) => e.resources.map((r) => r.ResourceName),
};

/** CloudTrail LookupEvents: the region's event history, newest first, 90 days, one lookup attribute. */
export function handleCloudTrail(world: World, request: EmulatorRequest): EmulatorResponse {
  if (request.operation !== 'LookupEvents') throw new ServiceError('UnknownOperationException', `Unknown operation ${request.operation}`);
  const input = parseJsonBody(request.body);
  const attributes = (input.LookupAttributes as { AttributeKey?: string; AttributeValue?: string }[] | undefined) ?? [];
  if (attributes.length > 1) throw new ServiceError('InvalidLookupAttributesException', 'You can only specify one lookup attribute');
  const attribute = attributes[0];
  const read = attribute ? ATTRIBUTES[attribute.AttributeKey ?? ''] : undefined;
  if (attribute && !read)
    throw new ServiceError('InvalidLookupAttributesException', `Invalid attribute key ${String(attribute.AttributeKey)}`);
  const max = input.MaxResults === undefined ? 50 : Number(input.MaxResults);
  if (!Number.isInteger(max) || max < 1 || max > 50)
    throw new ServiceError('InvalidMaxResultsException', 'MaxResults must be between 1 and 50');
  const now = world.now().getTime();
  const start = typeof input.StartTime === 'number' ? input.StartTime * 1000 : now - RETENTION_MS;
  const end = typeof input.EndTime === 'number' ? input.EndTime * 1000 : now;
  if (start > end) throw new ServiceError('InvalidTimeRangeException', 'StartTime must be before EndTime');
  const matches = world
    .region(request.region)
    .events.filter((e) => {
      const t = e.eventTime.getTime();
      return t >= Math.max(start, now - RETENTION_MS) && t <= end;
    })
    .filter((e) => !attribute || read!(e).includes(attribute.AttributeValue ?? ''))
    .sort((a, b) => b.eventTime.getTime() - a.eventTime.getTime());
  const scope = `lookup:${request.region}:${JSON.stringify(attributes)}:${String(input.StartTime)}:${String(input.EndTime)}`;
  const result = page(matches, scope, input.NextToken, max, 'InvalidNextTokenException');
  return jsonOk({
    Events: result.items.map((e) => ({
      EventId: e.eventId,
      EventName: e.eventName,
      ReadOnly: String(e.readOnly),
      ...(e.accessKeyId ? { AccessKeyId: e.accessKeyId } : {}),
      EventTime: epochSeconds(e.eventTime),
      EventSource: e.eventSource,
      ...(e.username ? { Username: e.username } : {}),
      Resources: e.resources,
      CloudTrailEvent: JSON.stringify(e.record),
    })),
    ...(result.next ? { NextToken: result.next } : {}),
  });
}
