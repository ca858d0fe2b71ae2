import type { CodeFinding, CodeFix, FindingSeverity } from '../../core/code-finding';
import { REGION_FROM_ENVIRONMENT, regionLookupTool } from '../../core/configured-region';
import type { TextEdit } from '../../core/range';
import { GLOBAL_REGION, decideCreateBucketOutcome, type CreateBucketOutcome, type S3Tool } from '../../core/s3-create-bucket-outcome';
import type { AnalyzerContext } from '../document-analyzer';
import type { CreateBucketSite } from './create-bucket-site';

const TOOL_NAMES: Record<S3Tool, string> = {
  'js-v3': 'the AWS SDK for JavaScript v3',
  'js-v2': 'the AWS SDK for JavaScript v2',
  boto3: 'boto3',
  'aws-cli-s3api': '`aws s3api create-bucket`',
  'aws-cli-s3-mb': '`aws s3 mb`',
  'go-v2': 'the AWS SDK for Go v2',
  'java-v2': 'the AWS SDK for Java 2.x',
  'java-v1': 'the AWS SDK for Java 1.x',
  dotnet: 'the AWS SDK for .NET',
};

/** What is inferred rather than documented about a tool's endpoint for us-east-1 clients (docs/sdk-create-bucket.md). */
const US_EAST_1_ENDPOINT_EVIDENCE: Partial<Record<S3Tool, string>> = {
  'go-v2': " (likely: the Go SDK's endpoint rules default to the regional endpoint)",
  'java-v1': ' (likely: Java SDK 1.x offers the regional endpoint only as an opt-in)',
};

interface ResolvedClient {
  readonly region: string;
  readonly source: string;
  /** Set when the region is a fallback's literal branch: when it applies ("when AWS_REGION is unset"). */
  readonly when?: string;
  /** The region is the configured one (environment, profile, setting), not the code's. */
  readonly configured?: boolean;
}

function resolveClient(site: CreateBucketSite, context: AnalyzerContext): ResolvedClient | undefined {
  const client = site.client;
  if (client.kind === 'code') return { region: client.region, source: client.source, when: client.when };
  if (client.kind === 'configured') {
    // Each tool reads its own variables (boto3 ignores AWS_REGION, SDK v3 AWS_DEFAULT_REGION): see aws/configured-region.ts.
    const tool = regionLookupTool(site.tool);
    const configured = client.configured ?? (tool && context.configuredRegion?.(tool));
    return configured && { region: configured.region, source: configured.source, configured: true };
  }
  return undefined;
}

function endpointName(outcome: CreateBucketOutcome): string {
  return outcome.globalEndpoint ? 'the global endpoint s3.amazonaws.com (us-east-1)' : `the ${outcome.endpointRegion} endpoint`;
}

function constraintPhrase(site: CreateBucketSite, outcome: CreateBucketOutcome): string {
  if (outcome.sentConstraint === undefined) {
    const fills =
      site.tool === 'boto3' || site.tool === 'aws-cli-s3api' || site.tool === 'go-v2'
        ? ` (${TOOL_NAMES[site.tool]} does not fill one in)`
        : '';
    return `no LocationConstraint${fills}`;
  }
  const written = site.constraint.kind === 'value';
  return `LocationConstraint '${outcome.sentConstraint}'${written ? '' : ` (filled in by ${TOOL_NAMES[site.tool]} from the client region)`}`;
}

function clientPhrase(client: ResolvedClient): string {
  const region = client.region === GLOBAL_REGION ? `'${GLOBAL_REGION}'` : client.region;
  return `client region ${region}: ${client.source}`;
}

/** The one-sentence message of a call AWS rejects: the exception and the fix; why goes to failureDetails. */
function failureMessage(outcome: CreateBucketOutcome): string {
  const bucket = outcome.bucketRegion;
  // These two reasons only arise on a regional endpoint other than us-east-1 (see decideCreateBucketOutcome).
  const client = outcome.endpointRegion;
  switch (outcome.reason) {
    case 'explicit-us-east-1':
      return "CreateBucket fails with InvalidLocationConstraint: remove the 'us-east-1' LocationConstraint, as us-east-1 buckets take none.";
    case 'region-launched-after-2019':
      return `CreateBucket fails with IllegalLocationConstraintException: only a client in ${bucket} can create buckets there, so use one.`;
    case 'missing-constraint-on-regional-endpoint':
      return `CreateBucket fails with IllegalLocationConstraintException: a client in ${client} must send LocationConstraint '${client}', so add it.`;
    default:
      return `CreateBucket fails with IllegalLocationConstraintException: a client in ${client} cannot send LocationConstraint '${outcome.sentConstraint}'; use one in ${bucket}.`;
  }
}

function failureDetails(site: CreateBucketSite, outcome: CreateBucketOutcome, client: ResolvedClient | undefined): string[] {
  const via = `${endpointName(outcome)} (${client ? clientPhrase(client) : 'client region unknown'})`;
  switch (outcome.reason) {
    case 'explicit-us-east-1':
      return ["us-east-1 buckets are created without a LocationConstraint, and AWS rejects an explicit 'us-east-1' on every endpoint."];
    case 'region-launched-after-2019':
      return [
        `${outcome.bucketRegion} launched after 20 March 2019, so only a client in ${outcome.bucketRegion} can create buckets there, and this call goes to ${via}.`,
      ];
    default:
      return [
        `This call goes to ${via} with ${constraintPhrase(site, outcome)}; a regional endpoint only accepts its own region's constraint.`,
      ];
  }
}

/**
 * Worded to docs/aws-behaviour.md#s3-createbucket-endpoints and #config-discovery: the global endpoint is documented
 * to accept another region's constraint; the regional us-east-1 endpoint is not (UNCONFIRMED), nor is how Config
 * picks up such calls or how often it sweeps.
 * The message says "likely": the details give the evidence and what AWS does not document.
 */
function unseenMessage(outcome: CreateBucketOutcome): string {
  const bucket = outcome.bucketRegion;
  return `This ${bucket} bucket is created through us-east-1, so Config in ${bucket} likely sees it only at its periodic sweep; use a client in ${bucket}.`;
}

function unseenDetails(tool: S3Tool, outcome: CreateBucketOutcome, client: ResolvedClient, recorderNote: string | undefined): string[] {
  const bucket = outcome.bucketRegion;
  const evidence = US_EAST_1_ENDPOINT_EVIDENCE[tool] ?? '';
  const call = outcome.globalEndpoint
    ? [
        `This CreateBucket call goes to ${endpointName(outcome)}${evidence} (${clientPhrase(client)}), which creates the bucket in ${bucket} but records the call's CloudTrail event in us-east-1, not in ${bucket}.`,
      ]
    : [
        `This CreateBucket call goes to ${endpointName(outcome)}${evidence} (${clientPhrase(client)}) to create a bucket in ${bucket}.`,
        `AWS lets a us-east-1 client create buckets in regions launched before 20 March 2019 but does not document this endpoint accepting another region's constraint; if it does, the call's CloudTrail event is recorded in us-east-1, not in ${bucket}.`,
      ];
  return [
    ...call,
    `An AWS Config recorder in ${bucket} is then likely to learn of the bucket only at its periodic sweep, and tag rules are not expected to evaluate it until then (likely cause: AWS documents neither how Config picks up such calls nor how often it sweeps).`,
    ...(recorderNote ? [recorderNote] : []),
  ];
}

function recorderNote(context: AnalyzerContext, callingRegion: string): { note?: string; severity: FindingSeverity } {
  const recorded = context.recordedRegions;
  if (!recorded) return { severity: 'warning' };
  return recorded.has(callingRegion)
    ? { note: `The connected account has a recorder in ${callingRegion}, the calling region.`, severity: 'information' }
    : { note: `The connected account has no recorder in ${callingRegion}, the calling region.`, severity: 'warning' };
}

function fix(title: string, edits: readonly TextEdit[] | undefined, isPreferred: boolean): CodeFix | undefined {
  return edits && edits.length > 0 ? { title, edits, isPreferred } : undefined;
}

function fixesFor(site: CreateBucketSite, outcome: CreateBucketOutcome): CodeFix[] {
  const fixes: (CodeFix | undefined)[] = [];
  const target = outcome.bucketRegion;
  if (outcome.reason === 'explicit-us-east-1') {
    fixes.push(fix('Remove the us-east-1 LocationConstraint (us-east-1 buckets take none)', site.removeConstraint?.(), true));
  } else if (outcome.reason === 'missing-constraint-on-regional-endpoint' && outcome.endpointRegion) {
    // boto3 / s3api against a regional endpoint: most likely the bucket was meant for the client's region.
    fixes.push(fix(`Add LocationConstraint '${outcome.endpointRegion}'`, site.addConstraint?.(outcome.endpointRegion), true));
  } else if (target) {
    const perCall = site.clientShared ? site.clientForThisCall?.(target) : undefined;
    fixes.push(fix(`Create a ${target} client for this call`, perCall, true));
    fixes.push(fix(`Set the client's region to ${target}`, site.setClientRegion?.(target), !perCall));
  }
  return fixes.filter((f): f is CodeFix => f !== undefined);
}

/** Judges one call; undefined when AWS accepts it as intended or when a value it depends on is unknown. */
export function judgeCreateBucketSite(site: CreateBucketSite, context: AnalyzerContext): CodeFinding | undefined {
  if (site.constraint.kind === 'unknown') return undefined;
  const written = site.constraint.kind === 'value' ? site.constraint.value : undefined;
  const client = resolveClient(site, context);
  // An explicit us-east-1 constraint fails on every endpoint, so it is judged even when the client region is unknown.
  const outcome = client
    ? decideCreateBucketOutcome({
        tool: site.tool,
        clientRegion: client.region,
        locationConstraint: written,
        hasCreateBucketConfiguration: site.constraint.kind === 'absent' ? site.constraint.hasCreateBucketConfiguration : true,
      })
    : written === 'us-east-1'
      ? ({
          outcome: 'fails',
          globalEndpoint: false,
          sentConstraint: written,
          bucketRegion: 'us-east-1',
          exception: 'InvalidLocationConstraint',
          reason: 'explicit-us-east-1',
        } as const)
      : undefined;
  if (!outcome || outcome.outcome === 'ok' || outcome.outcome === 'unknown') return undefined;

  const properties = {
    clientRegion: client?.region,
    locationConstraint: written,
    regionSource: client?.source,
    outcome: outcome.outcome,
    tool: site.tool,
    bucketRegion: outcome.bucketRegion,
    endpointRegion: outcome.endpointRegion,
    exception: outcome.exception,
    ...(client?.when && { regionAppliesWhen: client.when }),
    ...(client?.configured && { [REGION_FROM_ENVIRONMENT]: true }),
  };
  const common = {
    range: outcome.reason === 'explicit-us-east-1' && site.constraint.kind === 'value' ? site.constraint.range : site.range,
    resource: site.description,
    properties,
    fixes: fixesFor(site, outcome),
  };
  // A fallback's literal decides the outcome only when the fallback applies: the message says so first.
  const when = outcome.reason === 'explicit-us-east-1' ? undefined : client?.when;
  const conditional = (message: string) =>
    when ? `${when[0]!.toUpperCase()}${when.slice(1)}, ${message.startsWith('This ') ? `t${message.slice(1)}` : message}` : message;
  if (outcome.outcome === 'fails') {
    const rule = outcome.reason === 'explicit-us-east-1' ? 'tagsight.invalid-location-constraint' : 'tagsight.region-mismatch';
    return {
      rule,
      severity: 'error',
      message: conditional(failureMessage(outcome)),
      details: failureDetails(site, outcome, client),
      ...common,
    };
  }
  // 'unseen-by-config' is only decided for a resolved client (an unknown one gets no outcome but the us-east-1 error).
  const { note, severity } = recorderNote(context, outcome.endpointRegion ?? 'us-east-1');
  return {
    rule: 'tagsight.region-mismatch',
    severity,
    message: conditional(unseenMessage(outcome)),
    details: unseenDetails(site.tool, outcome, client!, note),
    ...common,
  };
}
