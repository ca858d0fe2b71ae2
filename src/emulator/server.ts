import * as http from 'node:http';
import type { Logger } from '../core/logger';
import type { World } from './model/world';
import { FaultSet, faultError, malformedBody, unrecognizedClient, type ActiveFault } from './faults';
import {
  parseCredentialScope,
  ServiceError,
  type EmulatorRequest,
  type EmulatorResponse,
  type Protocol,
  type ServiceName,
} from './protocol/request';
import { errorResponse } from './protocol/respond';
import { accountOperation, handleAccount } from './services/account';
import { handleCloudTrail } from './services/cloudtrail';
import { handleConfig } from './services/config';
import { handleS3, s3Operation } from './services/s3';
import { handleS3Control, s3ControlOperation } from './services/s3-control';
import { handleSts, stsOperation } from './services/sts';
import { handleTagging } from './services/tagging';
import { handleOrganizations } from './services/organizations';

const JSON_TARGETS: Record<string, ServiceName> = {
  StarlingDoveService: 'config',
  CloudTrail_20131101: 'cloudtrail',
  ResourceGroupsTaggingAPI_20170126: 'tagging',
  AWSOrganizationsV20161128: 'organizations',
};

const HANDLERS: Record<ServiceName, (world: World, request: EmulatorRequest) => EmulatorResponse> = {
  config: handleConfig,
  cloudtrail: handleCloudTrail,
  tagging: handleTagging,
  organizations: handleOrganizations,
  sts: handleSts,
  account: handleAccount,
  s3: handleS3,
  's3-control': handleS3Control,
};

/** Services that are global: the opt-in status of the signing region does not apply to them. */
const GLOBAL_SERVICES = new Set<ServiceName>(['account', 'organizations']);

/** Every emulated call has a small body; a larger one is refused rather than buffered. */
const MAX_BODY_BYTES = 1024 * 1024;

/** CloudTrail's documented LookupEvents quota: two requests per second per account and region. */
const LOOKUP_EVENTS_PER_SECOND = 2;

export interface CallCount {
  service: ServiceName;
  operation: string;
  region: string;
  count: number;
}

export interface RouteResult {
  service: ServiceName;
  protocol: Protocol;
  operation: string | undefined;
}

/** Which service and operation a request is, from the same signals AWS front ends use. */
export function route(
  method: string,
  path: string,
  query: URLSearchParams,
  headers: http.IncomingHttpHeaders,
  body: string,
): RouteResult | undefined {
  const target = headers['x-amz-target'];
  if (typeof target === 'string') {
    const [prefix = '', operation] = target.split('.');
    const service = JSON_TARGETS[prefix];
    return service ? { service, protocol: 'json', operation } : undefined;
  }
  const scope = parseCredentialScope(headers.authorization);
  if (path.startsWith('/v20180820/')) return { service: 's3-control', protocol: 'rest-xml', operation: s3ControlOperation(method, path) };
  const form = String(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  if (scope?.service === 'sts' || (form && /(^|&)Action=/.test(body)))
    return { service: 'sts', protocol: 'query', operation: stsOperation(body) };
  if (scope?.service === 'account' || path === '/listRegions')
    return { service: 'account', protocol: 'rest-json', operation: accountOperation(method, path) };
  if (scope?.service === 's3' || scope === undefined)
    return { service: 's3', protocol: 'rest-xml', operation: s3Operation(method, path, query) };
  return undefined;
}

export interface ServerOptions {
  world: () => World;
  faults: FaultSet;
  latencyMs: () => number;
  logger: Logger;
  control: (request: { method: string; path: string; body: string }) => Promise<{ status: number; body: unknown }>;
}

/** The HTTP front: parses, routes, counts, applies latency and faults, dispatches, and serialises errors. */
export class EmulatorServer {
  readonly server: http.Server;
  private readonly counts = new Map<string, CallCount>();
  /** Requests held open by `timeout` faults; released on close(). */
  private readonly held = new Set<http.ServerResponse>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly lookupBuckets = new Map<string, { tokens: number; at: number }>();
  private requestSequence = 0;

  constructor(private readonly options: ServerOptions) {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      });
      req.on('end', () => {
        if (size > MAX_BODY_BYTES) {
          res.writeHead(413, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ __type: 'RequestEntityTooLarge', message: `request bodies are limited to ${MAX_BODY_BYTES} bytes` }));
          return;
        }
        this.handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((error: unknown) => {
          this.options.logger.error(`emulator: unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
          if (!res.headersSent) {
            res.statusCode = 500;
            res.end();
          }
        });
      });
    });
    // Node's HTTP agent drops a pooled socket 1 s before the server's keep-alive hint runs out, so a short hint
    // makes SDK clients open a socket per call (the scan benchmark measured it). close() ends idle sockets
    // itself, so a longer hint never keeps it waiting.
    this.server.keepAliveTimeout = 5000;
  }

  calls(): CallCount[] {
    return [...this.counts.values()]
      .map((c) => ({ ...c }))
      .sort((a, b) => a.service.localeCompare(b.service) || a.operation.localeCompare(b.operation) || a.region.localeCompare(b.region));
  }

  resetCalls(): void {
    this.counts.clear();
  }

  async listen(port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return (this.server.address() as { port: number }).port;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const res of this.held) res.destroy();
    this.held.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const method = req.method ?? 'GET';
    if (url.pathname.startsWith('/_tagsight/')) {
      const result = await this.options.control({ method, path: url.pathname.slice('/_tagsight/'.length), body });
      return this.send(res, { status: result.status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result.body) });
    }
    const routed = route(method, url.pathname, url.searchParams, req.headers, body);
    const scope = parseCredentialScope(req.headers.authorization);
    const region = scope?.region ?? 'us-east-1';
    const requestId = `req-${++this.requestSequence}`;
    if (!routed) {
      this.options.logger.debug(`emulator: unroutable ${method} ${url.pathname}`);
      return this.send(res, {
        status: 400,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ __type: 'UnknownOperationException', message: 'Unknown service or operation' }),
      });
    }
    const operation = routed.operation ?? 'Unknown';
    this.count(routed.service, operation, region);
    const request: EmulatorRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      service: routed.service,
      protocol: routed.protocol,
      operation,
      region,
      ...(scope ? { accessKeyId: scope.accessKeyId } : {}),
      userAgent: String(req.headers['user-agent'] ?? ''),
    };
    const faults = this.options.faults.take(routed.service, operation, region);
    const delay = this.options.latencyMs() + faults.filter((f) => f.kind === 'latency').reduce((sum, f) => sum + (f.latencyMs ?? 0), 0);
    if (delay > 0) await this.sleep(delay);
    let response: EmulatorResponse;
    try {
      response = this.respond(request, faults, res);
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      response = errorResponse(routed.protocol, routed.service, error, requestId);
    }
    if (response.status === -1) return; // held open by a timeout fault
    this.options.logger.debug(`emulator: ${routed.service}.${operation} ${region} -> ${response.status}`);
    this.send(res, { ...response, headers: { 'x-amzn-requestid': requestId, 'x-amz-request-id': requestId, ...response.headers } });
  }

  private respond(request: EmulatorRequest, faults: ActiveFault[], res: http.ServerResponse): EmulatorResponse {
    const world = this.options.world();
    const region = world.regions.get(request.region);
    if (!GLOBAL_SERVICES.has(request.service) && region?.optInStatus === 'DISABLED')
      throw unrecognizedClient(request.service, request.protocol, request.operation);
    if (!region)
      throw new ServiceError(
        request.protocol === 'rest-xml' ? 'InvalidRegion' : 'UnrecognizedClientException',
        `The region ${request.region} is not known to this account`,
        400,
      );
    for (const { kind, holdMs } of faults) {
      if (kind === 'latency') continue;
      if (kind === 'timeout') {
        this.hold(res, holdMs);
        return { status: -1 };
      }
      if (kind === 'malformed') {
        const malformed = malformedBody(request.protocol);
        return { status: 200, headers: { 'content-type': malformed.contentType }, body: malformed.body };
      }
      const error = faultError(kind, request.service, request.protocol, request.operation);
      if (request.operation === 'HeadBucket' && kind === 'access-denied') {
        // S3 names the bucket's region to anyone who asks, even when it denies the call.
        const bucket = world.buckets.get(decodeURIComponent(request.path.split('/').filter((s) => s !== '')[0] ?? ''));
        if (bucket)
          throw new ServiceError(error.code, error.message, error.status, {
            ...error.options,
            headers: { 'x-amz-bucket-region': bucket.region },
          });
      }
      throw error;
    }
    if (request.service === 'cloudtrail' && request.operation === 'LookupEvents') this.throttleLookups(request.region);
    if (request.operation === 'Unknown')
      throw new ServiceError(
        request.protocol === 'rest-xml' ? 'NotImplemented' : 'UnknownOperationException',
        'Unknown operation',
        request.protocol === 'rest-xml' ? 501 : 400,
      );
    return HANDLERS[request.service](world, request);
  }

  /**
   * A token bucket (burst 2, refilled at 2 per second) per region, so a client that spaces its calls at the
   * documented rate is never throttled by jitter. Wall time, not the emulator clock: the quota is about request
   * rate, and a frozen test clock must not starve it.
   */
  private throttleLookups(region: string): void {
    const now = performance.now();
    const bucket = this.lookupBuckets.get(region) ?? { tokens: LOOKUP_EVENTS_PER_SECOND, at: now };
    bucket.tokens = Math.min(LOOKUP_EVENTS_PER_SECOND, bucket.tokens + ((now - bucket.at) / 1000) * LOOKUP_EVENTS_PER_SECOND);
    bucket.at = now;
    this.lookupBuckets.set(region, bucket);
    if (bucket.tokens < 1) throw new ServiceError('ThrottlingException', 'Rate exceeded');
    bucket.tokens -= 1;
  }

  /** Keeps a response open without answering, until `holdMs` (then the connection is dropped) or close(). */
  private hold(res: http.ServerResponse, holdMs: number | undefined): void {
    this.held.add(res);
    let timer: NodeJS.Timeout | undefined;
    if (holdMs !== undefined) {
      timer = setTimeout(() => res.destroy(), holdMs);
      this.timers.add(timer);
    }
    res.on('close', () => {
      this.held.delete(res);
      if (timer) {
        clearTimeout(timer);
        this.timers.delete(timer);
      }
    });
  }

  private count(service: ServiceName, operation: string, region: string): void {
    const key = `${service}|${operation}|${region}`;
    const entry = this.counts.get(key) ?? { service, operation, region, count: 0 };
    entry.count++;
    this.counts.set(key, entry);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private send(res: http.ServerResponse, response: EmulatorResponse): void {
    if (res.destroyed) return;
    res.writeHead(response.status, response.headers);
    res.end(response.body ?? '');
  }
}
