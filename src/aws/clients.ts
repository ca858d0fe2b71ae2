import { AccountClient } from '@aws-sdk/client-account';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { STSClient } from '@aws-sdk/client-sts';
import { state as sdkNodeVersionWarning } from '@aws-sdk/core/client';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Logger } from '../core/logger';

/**
 * The one place SDK clients are made: one cached client per (service, region, credentials identity), all with
 * the SDK's adaptive retry and a bounded number of attempts, the `tagsight/<version>` user agent, and the same
 * endpoint rules. Everything AWS-facing (the account scan, blind spots, tagging) asks this factory.
 *
 * Endpoints: an explicit `endpointUrl` (the machine-scoped setting, `--endpoint-url`, or the demo emulator) wins;
 * otherwise the SDK applies `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_<SERVICE>` and the `endpoint_url` of the
 * AWS_PROFILE (or default) profile itself (checked in this SDK version: @smithy/core endpoints
 * `getEndpointFromConfig`), so Tagsight does not reimplement them. That lookup ignores the client's `profile`
 * option: a profile chosen by name (setting, --profile) gives its credentials and region but not its
 * `endpoint_url`. Whatever the source, two services need help once a custom endpoint applies (see
 * `customEndpointRules`): S3 needs path-style addressing, and S3 Control must not put the account id in front of
 * the endpoint's host.
 */
export interface AwsConnection {
  /** A profile of the shared config files; undefined uses the SDK's default chain (which honours AWS_PROFILE). */
  readonly profile?: string;
  readonly endpointUrl?: string;
  /** Region of account-wide calls; undefined resolves AWS_REGION, then the profile's region, then us-east-1. */
  readonly region?: string;
  /** Given credentials (the demo's dummy keys); undefined resolves them through the SDK's chain. */
  readonly credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}

export interface ClientFactoryOptions {
  readonly version: string;
  /** Attempts per call including the first; bounded so a failing region gives up in seconds. Default 3. */
  readonly maxAttempts?: number;
  /** Per-request socket timeout. Default 20 s. */
  readonly requestTimeoutMs?: number;
  readonly connectionTimeoutMs?: number;
  readonly logger?: Logger;
}

export type ServiceName = 'config' | 's3' | 's3-control' | 'cloudtrail' | 'tagging' | 'account' | 'sts' | 'organizations';

interface ClientByService {
  config: ConfigServiceClient;
  s3: S3Client;
  's3-control': S3ControlClient;
  cloudtrail: CloudTrailClient;
  tagging: ResourceGroupsTaggingAPIClient;
  account: AccountClient;
  sts: STSClient;
  organizations: OrganizationsClient;
}

type AnyClient = ClientByService[ServiceName];

type EndpointProvider = (params: { Endpoint?: string; ForcePathStyle?: boolean }, context?: unknown) => { url: URL };

/**
 * The SDK resolves a custom endpoint from several places (the client's `endpoint`, AWS_ENDPOINT_URL[_<SERVICE>],
 * the AWS_PROFILE profile's `endpoint_url` or `services` section) and hands the result to the endpoint rules as
 * the `Endpoint` parameter, at call time. Wrapping the rules there applies one decision to every source:
 * - `path-style` (S3): a local endpoint has no per-bucket host names, so buckets go in the path.
 * - `verbatim` (S3 Control): the rules prepend the account id to the host (`123456789012.127.0.0.1`, an invalid
 *   URL, the rules themselves throw), so the endpoint is used as given; signing then falls back to the client's
 *   region and the `s3` signing name, which is what S3 Control signs with.
 * AWS's own endpoints (no `Endpoint` parameter) keep the SDK's rules untouched.
 */
function customEndpointRules<C extends S3Client | S3ControlClient>(client: C, rule: 'path-style' | 'verbatim'): C {
  const config = client.config as unknown as { endpointProvider: EndpointProvider };
  const sdkRules = config.endpointProvider;
  config.endpointProvider = (params, context) => {
    if (!params.Endpoint) return sdkRules(params, context);
    if (rule === 'path-style') return sdkRules({ ...params, ForcePathStyle: true }, context);
    return { url: new URL(params.Endpoint) };
  };
  return client;
}

/** The SDK's service ids, as used in AWS_ENDPOINT_URL_<SERVICE> (spaces become underscores, upper case). */
const ENDPOINT_ENV_SUFFIX: Readonly<Record<ServiceName, string>> = {
  config: 'CONFIG_SERVICE',
  s3: 'S3',
  's3-control': 'S3_CONTROL',
  cloudtrail: 'CLOUDTRAIL',
  tagging: 'RESOURCE_GROUPS_TAGGING_API',
  account: 'ACCOUNT',
  sts: 'STS',
  organizations: 'ORGANIZATIONS',
};

export const DEFAULT_MAX_ATTEMPTS = 3;

export class AwsClientFactory {
  private readonly clients = new Map<string, AnyClient>();
  private readonly credentials: AwsCredentialIdentityProvider;
  private homeRegionPromise: Promise<string> | undefined;
  // One connection pool for every client of the factory: calls to the same host (an emulator, a global
  // endpoint) reuse sockets across services and regions instead of each client opening its own.
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });

  constructor(
    readonly connection: AwsConnection,
    private readonly options: ClientFactoryOptions,
  ) {
    // The SDK warns once per process that its releases after January 2027 need Node 22. Tagsight pins its SDK
    // in package-lock.json, and the extension host runs the Node that VS Code ships, which users cannot change:
    // the warning is noise on every CLI run. This marks it shown in our bundled copy of the SDK only.
    sdkNodeVersionWarning.warningEmitted = true;
    const given = connection.credentials;
    this.credentials = typeof given === 'function'
      ? given
      : given
        ? async () => given
        // One provider per factory: the chain caches and refreshes credentials itself; SSO included.
        : fromNodeProviderChain(connection.profile ? { profile: connection.profile } : {});
  }

  /** Which credentials this factory uses, for cache keys and the UI; never the credentials themselves. */
  get identity(): string {
    if (this.connection.credentials) return 'given-credentials';
    return this.connection.profile ? `profile:${this.connection.profile}` : 'default-chain';
  }

  /** The endpoint every call of `service` goes to when it is not AWS's own (for the UI and for S3 path style). */
  customEndpoint(service: ServiceName): string | undefined {
    if (this.connection.endpointUrl) return this.connection.endpointUrl;
    if (process.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return undefined;
    return process.env[`AWS_ENDPOINT_URL_${ENDPOINT_ENV_SUFFIX[service]}`] || process.env.AWS_ENDPOINT_URL || undefined;
  }

  client<S extends ServiceName>(service: S, region: string): ClientByService[S] {
    const key = `${service}|${region}|${this.identity}`;
    let client = this.clients.get(key);
    if (!client) {
      client = this.create(service, region);
      this.clients.set(key, client);
    }
    return client as ClientByService[S];
  }

  config(region: string): ConfigServiceClient { return this.client('config', region); }
  s3(region: string): S3Client { return this.client('s3', region); }
  s3Control(region: string): S3ControlClient { return this.client('s3-control', region); }
  cloudTrail(region: string): CloudTrailClient { return this.client('cloudtrail', region); }
  tagging(region: string): ResourceGroupsTaggingAPIClient { return this.client('tagging', region); }
  account(region: string): AccountClient { return this.client('account', region); }
  sts(region: string): STSClient { return this.client('sts', region); }
  organizations(region: string): OrganizationsClient { return this.client('organizations', region); }

  /** The region for account-wide calls: the connection's, else AWS_REGION or the profile's region, else us-east-1. */
  homeRegion(): Promise<string> {
    this.homeRegionPromise ??= this.resolveHomeRegion();
    return this.homeRegionPromise;
  }

  private async resolveHomeRegion(): Promise<string> {
    if (this.connection.region) return this.connection.region;
    // A client built without a region resolves it the SDK's way (AWS_REGION, then the profile's `region`).
    const probe = new STSClient({ ...(this.connection.profile ? { profile: this.connection.profile } : {}) });
    try {
      const region = await probe.config.region();
      return region || 'us-east-1';
    } catch {
      return 'us-east-1';
    } finally {
      probe.destroy();
    }
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private create(service: ServiceName, region: string): AnyClient {
    const endpoint = this.connection.endpointUrl;
    const base = {
      region,
      credentials: this.credentials,
      ...(this.connection.profile ? { profile: this.connection.profile } : {}),
      ...(endpoint ? { endpoint } : {}),
      retryMode: 'adaptive',
      maxAttempts: this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      customUserAgent: `tagsight/${this.options.version}`,
      requestHandler: {
        httpAgent: this.httpAgent,
        httpsAgent: this.httpsAgent,
        requestTimeout: this.options.requestTimeoutMs ?? 20_000,
        // Without this the SDK only logs a warning and a hung request hangs the scan forever.
        throwOnRequestTimeout: true,
        connectionTimeout: this.options.connectionTimeoutMs ?? 5_000,
      },
    };
    switch (service) {
      case 'config': return new ConfigServiceClient(base);
      case 's3': return customEndpointRules(new S3Client({ ...base, forcePathStyle: this.customEndpoint('s3') !== undefined }), 'path-style');
      case 's3-control': return customEndpointRules(new S3ControlClient(base), 'verbatim');
      case 'cloudtrail': return new CloudTrailClient(base);
      case 'tagging': return new ResourceGroupsTaggingAPIClient(base);
      case 'account': return new AccountClient(base);
      case 'sts': return new STSClient(base);
      case 'organizations': return new OrganizationsClient(base);
    }
  }
}
