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
import { getProfileName, loadSharedConfigFiles, type SharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Logger } from '../core/logger';

/**
 * The one place SDK clients are made: one cached client per (service, region, credentials identity), all with
 * the SDK's adaptive retry and a bounded number of attempts, the `tagsight/<version>` user agent, and the same
 * endpoint rules. Everything AWS-facing (the account scan, blind spots, tagging) asks this factory.
 *
 * Endpoints: an explicit `endpointUrl` (the machine-scoped setting, `--endpoint-url`, or the demo emulator) wins.
 * Otherwise the configured endpoint applies, as the AWS CLI and SDKs define it: none when
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS or the profile's `ignore_configured_endpoint_urls` is true; else
 * AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's `services` section, the profile's `endpoint_url`.
 * "The profile" is the one chosen by name (setting, --profile) or else AWS_PROFILE / default. The SDK resolves
 * this itself only for AWS_PROFILE / default (checked in @smithy/core 3.41.1: `getEndpointFromConfig` ignores
 * the client's `profile` option), so for a named profile the factory answers the SDK's lookup itself
 * (`configuredEndpoint`). Whatever the source, two services need help once a custom endpoint applies (see
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

/**
 * Each client's `serviceId`, from which the SDK names the service's configured endpoint: AWS_ENDPOINT_URL_<ID>
 * (words upper case, joined by `_`) and the `<id>` key of a `services` section (lower case, joined by `_`).
 */
const SDK_SERVICE_ID: Readonly<Record<ServiceName, string>> = {
  config: 'Config Service',
  s3: 'S3',
  's3-control': 'S3 Control',
  cloudtrail: 'CloudTrail',
  tagging: 'Resource Groups Tagging API',
  account: 'Account',
  sts: 'STS',
  organizations: 'Organizations',
};

type Env = Readonly<Record<string, string | undefined>>;

/** A boolean setting as the SDK reads it: only "true" and "false" count, anything else is as if unset. */
function booleanSetting(value: string | undefined): boolean | undefined {
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

function endpointFromEnv(serviceId: string, env: Env): string | undefined {
  const serviceVariable = ['AWS_ENDPOINT_URL', ...serviceId.split(' ').map((word) => word.toUpperCase())].join('_');
  return env[serviceVariable] || env.AWS_ENDPOINT_URL || undefined;
}

/**
 * The endpoint configured for a service outside the code, for one profile: the precedence of the SDK's
 * `getEndpointFromConfig` (@smithy/core endpoints, not exported), which only ever reads AWS_PROFILE / default.
 * One deliberate difference: a profile naming a `services` section that does not exist is an error here, where
 * the SDK swallows it and calls AWS itself, with credentials meant for a local endpoint.
 */
function resolveConfiguredEndpoint(serviceId: string, profileName: string, files: SharedConfigFiles, env: Env): string | undefined {
  // The SDK lets a profile in the config file override the same profile in the credentials file.
  const profile = { ...files.credentialsFile[profileName], ...files.configFile[profileName] };
  if (booleanSetting(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) ?? booleanSetting(profile.ignore_configured_endpoint_urls)) return undefined;
  const fromEnv = endpointFromEnv(serviceId, env);
  if (fromEnv) return fromEnv;
  if (profile.services) {
    const section = files.configFile[`services.${profile.services}`];
    if (!section) {
      throw new Error(
        `AWS profile "${profileName}" names the services section "${profile.services}", which is not in the shared config file.`,
      );
    }
    const serviceKey = serviceId
      .split(' ')
      .map((word) => word.toLowerCase())
      .join('_');
    const fromServices = section[`${serviceKey}.endpoint_url`];
    if (fromServices) return fromServices;
  }
  return profile.endpoint_url || undefined;
}

export const DEFAULT_MAX_ATTEMPTS = 3;

export class AwsClientFactory {
  private readonly clients = new Map<string, AnyClient>();
  private readonly credentials: AwsCredentialIdentityProvider;
  private homeRegionPromise: Promise<string> | undefined;
  private sharedConfigPromise: Promise<SharedConfigFiles> | undefined;
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
    this.credentials =
      typeof given === 'function'
        ? given
        : given
          ? async () => given
          : // One provider per factory: the chain caches and refreshes credentials itself; SSO included.
            fromNodeProviderChain(connection.profile ? { profile: connection.profile } : {});
  }

  /** Which credentials this factory uses, for cache keys and the UI; never the credentials themselves. */
  get identity(): string {
    if (this.connection.credentials) return 'given-credentials';
    return this.connection.profile ? `profile:${this.connection.profile}` : 'default-chain';
  }

  /**
   * The endpoint every call of `service` goes to when it is not AWS's own, for the UI ("results come from ...,
   * not AWS"). Rejects when the profile names a `services` section that does not exist, as the calls would.
   */
  async customEndpoint(service: ServiceName): Promise<string | undefined> {
    return this.connection.endpointUrl || this.configuredEndpoint(service);
  }

  /** The configured endpoint (see the class comment) of the profile in effect: the named one, else AWS_PROFILE / default. */
  private async configuredEndpoint(service: ServiceName): Promise<string | undefined> {
    const profileName = getProfileName({ profile: this.connection.profile });
    return resolveConfiguredEndpoint(SDK_SERVICE_ID[service], profileName, await this.sharedConfig(), process.env);
  }

  /**
   * The shared config and credentials files (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE honoured), read once
   * per factory. Fresh rather than from the loader's per-process cache: a factory is one connection, and users
   * edit their profiles while VS Code runs.
   */
  private sharedConfig(): Promise<SharedConfigFiles> {
    this.sharedConfigPromise ??= loadSharedConfigFiles({ ignoreCache: true });
    return this.sharedConfigPromise;
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

  config(region: string): ConfigServiceClient {
    return this.client('config', region);
  }
  s3(region: string): S3Client {
    return this.client('s3', region);
  }
  s3Control(region: string): S3ControlClient {
    return this.client('s3-control', region);
  }
  cloudTrail(region: string): CloudTrailClient {
    return this.client('cloudtrail', region);
  }
  tagging(region: string): ResourceGroupsTaggingAPIClient {
    return this.client('tagging', region);
  }
  account(region: string): AccountClient {
    return this.client('account', region);
  }
  sts(region: string): STSClient {
    return this.client('sts', region);
  }
  organizations(region: string): OrganizationsClient {
    return this.client('organizations', region);
  }

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
    const client = this.newClient(service, region);
    if (!this.connection.endpointUrl && this.connection.profile) {
      // The SDK asks `serviceConfiguredEndpoint` before each call until it has a custom endpoint; its own answer
      // reads AWS_PROFILE / default, not the named profile (see the class comment). If an SDK update renames
      // the hook, clients-profile-endpoint.test.ts fails.
      const config = client.config as unknown as { serviceConfiguredEndpoint?: () => Promise<string | undefined> };
      config.serviceConfiguredEndpoint = () => this.configuredEndpoint(service);
    }
    return client;
  }

  private newClient(service: ServiceName, region: string): AnyClient {
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
      case 'config':
        return new ConfigServiceClient(base);
      // Path style for every custom endpoint, whatever its source, is decided at call time (customEndpointRules).
      case 's3':
        return customEndpointRules(new S3Client(base), 'path-style');
      case 's3-control':
        return customEndpointRules(new S3ControlClient(base), 'verbatim');
      case 'cloudtrail':
        return new CloudTrailClient(base);
      case 'tagging':
        return new ResourceGroupsTaggingAPIClient(base);
      case 'account':
        return new AccountClient(base);
      case 'sts':
        return new STSClient(base);
      case 'organizations':
        return new OrganizationsClient(base);
    }
  }
}
