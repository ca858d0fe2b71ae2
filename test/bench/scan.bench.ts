/**
 * The account scan on the generated `large` scenario (25 regions, 5,000 resources, 2,000 non-compliant) with
 * 50 ms of latency on every call, against the emulator with the real SDK. It prints the wall time, the lower
 * bound max(longest chain of dependent calls x latency, calls / concurrency x latency), their ratio (target
 * <= 1.3), the calls made and the minimum needed (computed from the emulator's state, not from the scan).
 * The emulator runs in its own process (`tagsight emulator`, driven through its control API), as AWS would:
 * its CPU time is not the scan's, and the scan's own CPU cost shows in the wall time.
 */
import { createScanPorts } from '../../src/aws/account-scan-ports';
import { AwsClientFactory } from '../../src/aws/clients';
import { createResourceTagReader } from '../../src/aws/resource-tags';
import type { ScanPorts } from '../../src/core/account-scan/ports';
import { scanAccount } from '../../src/core/account-scan/scan-account';
import { classifyError } from '../../src/core/scan-error';
import { nonCompliantCount } from '../../src/core/account-model';
import type { CallCount, StateSummary } from '../../src/emulator';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { BenchRow } from './bench';

const LATENCY_MS = 50;
const CONCURRENCY = 8;
const PAGE = { regions: 50, recorders: 20, rules: 25, results: 100, tagRead: 100 };

/** The calls a scan cannot do without, and the longest chain of calls that must wait for each other. */
export function minimumCalls(state: StateSummary): { calls: number; chain: number } {
  const pages = (count: number, size: number) => Math.max(1, Math.ceil(count / size));
  let calls = 1 /* GetCallerIdentity */ + pages(state.regions.length, PAGE.regions) + 1; /* DescribeConfigurationAggregators */
  let longestRegionChain = 0;
  for (const region of state.regions) {
    if (region.optInStatus === 'DISABLED' || region.optInStatus === 'DISABLING') continue;
    const recorderChain = pages(region.recorders.length, PAGE.recorders) + (region.recorders.length > 0 ? 1 : 0);
    calls += pages(region.recorders.length, PAGE.recorders) + pages(region.rules.length, PAGE.rules);
    if (region.recorders.length > 0) calls += 2 * region.recorders.length + 2;
    // Every rule in the large scenario is REQUIRED_TAGS; its results are read 100 per call, then their tags 100 per call.
    const nonCompliant = region.rules.reduce((sum, rule) => sum + rule.nonCompliant, 0);
    calls += region.rules.reduce((sum, rule) => sum + pages(rule.nonCompliant, PAGE.results), 0);
    const tagReads = nonCompliant > 0 ? Math.ceil(nonCompliant / PAGE.tagRead) : 0;
    calls += tagReads;
    const ruleChain =
      pages(region.rules.length, PAGE.rules) +
      Math.max(0, ...region.rules.map((rule) => pages(rule.nonCompliant, PAGE.results))) +
      (tagReads > 0 ? 1 : 0);
    longestRegionChain = Math.max(longestRegionChain, recorderChain, ruleChain);
  }
  return { calls, chain: pages(state.regions.length, PAGE.regions) + longestRegionChain };
}

/**
 * The same call graph as the large scenario over ports that only wait LATENCY_MS per call: the scheduler's own
 * ratio to the lower bound, without SDK, HTTP or JSON costs.
 */
async function schedulingOnly(): Promise<BenchRow> {
  const regions = Array.from({ length: 25 }, (_, index) => `xx-test-${index + 1}`);
  let calls = 0;
  const wait = async <T>(value: T): Promise<T> => {
    calls++;
    await new Promise((resolve) => setTimeout(resolve, LATENCY_MS));
    return value;
  };
  async function* one<T>(items: T[]) {
    yield await wait(items);
  }
  const findings = Array.from({ length: 80 }, (_, index) => ({ resourceType: 'AWS::EC2::Instance', resourceId: `i-${index}` }));
  const ports: ScanPorts = {
    homeRegion: 'us-east-1',
    identity: () => wait({ accountId: '456789012345' }),
    listRegions: () => one(regions.map((region) => ({ region, status: 'ENABLED_BY_DEFAULT' as const }))),
    describeAggregators: () => one([]),
    region: () => ({
      listRecorders: () => one([{ name: 'default' }]),
      describeRecorder: (summary) => wait({ ...summary }),
      describeRecorderStatus: () => wait({ recording: true, lastStatus: 'SUCCESS' }),
      describeDeliveryChannels: () => wait([]),
      describeDeliveryChannelStatus: () => wait([]),
      describeRules: () =>
        one([{ name: 'required-tags', owner: 'AWS', sourceIdentifier: 'REQUIRED_TAGS', inputParameters: '{"tag1Key":"Service"}' }]),
      nonCompliantResults: () => one(findings),
    }),
    readTags: (_region, arns) => wait(new Map(arns.map((arn) => [arn, {}]))),
    classify: (error, operation) => classifyError({ name: (error as Error).name }, operation),
  };
  const start = process.hrtime.bigint();
  await scanAccount(ports, { concurrency: CONCURRENCY, clock: { now: () => new Date() } });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const lowerBoundMs = Math.max(4 * LATENCY_MS, (calls / CONCURRENCY) * LATENCY_MS);
  return {
    name: 'account scan: scheduling only (stub ports)',
    timeMs: wallMs,
    notes: `same call graph, ${LATENCY_MS} ms/call, no SDK or HTTP; ${calls} calls; lower bound ${lowerBoundMs.toFixed(0)} ms; ratio ${(wallMs / lowerBoundMs).toFixed(2)}`,
  };
}

/** Starts `tagsight emulator --scenario large` in a child process and reads its endpoint from stdout. */
async function startEmulatorProcess(): Promise<{ endpoint: string; child: ChildProcess }> {
  const root = path.resolve(__dirname, '..', '..');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), 'emulator', '--scenario', 'large'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the emulator did not start:\n${output}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /endpoint: (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited (${code}):\n${output}`));
    });
  });
  return { endpoint, child };
}

async function control<T>(endpoint: string, method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${endpoint}/_tagsight/${route}`, {
    method,
    ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
  });
  if (!response.ok) throw new Error(`control ${route}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export async function run(): Promise<BenchRow[]> {
  const { endpoint, child } = await startEmulatorProcess();
  const factory = new AwsClientFactory(
    { endpointUrl: endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } },
    { version: 'bench' },
  );
  try {
    const ports = await createScanPorts(factory, { readTags: createResourceTagReader(factory) });
    const clock = { now: () => new Date() };
    // Warm-up without latency: first-use costs (SDK modules, sockets, the emulator's first evaluation) are not the scan's.
    await scanAccount(ports, { concurrency: CONCURRENCY, clock });
    await control(endpoint, 'POST', 'reset-calls');
    await control(endpoint, 'POST', 'latency', { ms: LATENCY_MS });

    const cpuBefore = process.cpuUsage();
    const start = process.hrtime.bigint();
    const scan = await scanAccount(ports, { concurrency: CONCURRENCY, clock });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    const cpu = process.cpuUsage(cpuBefore);

    const made = (await control<CallCount[]>(endpoint, 'GET', 'calls')).reduce((sum, call) => sum + call.count, 0);
    const minimum = minimumCalls(await control<StateSummary>(endpoint, 'GET', 'state'));
    const lowerBoundMs = Math.max(minimum.chain * LATENCY_MS, (made / CONCURRENCY) * LATENCY_MS);
    const ratio = wallMs / lowerBoundMs;
    const failed = scan.regions.filter((region) => region.errors.length > 0).length;
    if (scan.error || failed > 0)
      throw new Error(`the benchmark scan had errors: ${JSON.stringify(scan.error ?? scan.regions.flatMap((region) => region.errors))}`);
    return [
      await schedulingOnly(),
      {
        name: 'account scan: large scenario over HTTP',
        timeMs: wallMs,
        notes:
          `25 regions, ${nonCompliantCount(scan)} non-compliant, ${LATENCY_MS} ms/call, concurrency ${CONCURRENCY}; ` +
          `lower bound ${lowerBoundMs.toFixed(0)} ms (chain ${minimum.chain} calls, ${made}/${CONCURRENCY} calls), ratio ${ratio.toFixed(2)} (target <= 1.3); ` +
          `calls ${made}, minimum ${minimum.calls}, redundant ${made - minimum.calls}; scan CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`,
      },
    ];
  } finally {
    factory.destroy();
    child.kill('SIGTERM');
  }
}
