import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { FaultSet, type ActiveFault, type FaultSpec } from './faults';
import { loadScenario } from './load-scenario';
import type { World } from './model/world';
import { ServiceError } from './protocol/request';
import { ScenarioError, validateScenario, type Scenario } from './scenario';
import { isScenarioName, SCENARIOS, type ScenarioName } from './scenarios';
import { EmulatorServer, type CallCount } from './server';
import { summarise, type StateSummary } from './summary';

export type { Scenario } from './scenario';
export type { ScenarioName } from './scenarios';
export type { FaultSpec, FaultKind, ActiveFault } from './faults';
export type { CallCount } from './server';
export type { ServiceName as EmulatedService } from './protocol/request';
export type { StateSummary } from './summary';
export { FAULT_KINDS } from './faults';
export { ScenarioError, validateScenario } from './scenario';

export interface EmulatorOptions {
  scenario: ScenarioName | Scenario;
  /** Default 0: a free port. The server binds 127.0.0.1 only. */
  port?: number;
  /** Added to every AWS call (the benchmark uses 50). */
  latencyMs?: number;
  clock?: Clock;
  logger?: Logger;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT`: one endpoint for every service. */
  readonly endpoint: string;
  readonly port: number;
  /** The running scenario's name, or `custom`. */
  readonly scenarioName: string;
  readonly accountId: string;
  /** Config's periodic sweep: recorders re-read every live resource (of one region, or all). */
  sweep(region?: string): { recorded: number };
  readonly faults: {
    add(spec: FaultSpec): string;
    remove(id: string): boolean;
    clear(): void;
    list(): ActiveFault[];
  };
  /** Calls received per service, operation and region since start or the last resetCalls(). */
  calls(): CallCount[];
  resetCalls(): void;
  setLatency(ms: number): void;
  /** Moves the emulator's time forward (on top of the given clock), e.g. past StartConfigRulesEvaluation's minute. */
  advanceClock(ms: number): void;
  /** Replaces the whole state with a scenario (faults and call counts stay). */
  load(scenario: ScenarioName | Scenario): void;
  summary(): StateSummary;
  close(): Promise<void>;
}

export function listScenarios(): { name: ScenarioName; description: string }[] {
  return (Object.keys(SCENARIOS) as ScenarioName[]).map((name) => ({ name, description: SCENARIOS[name].description }));
}

/** Builds a world from a scenario name or object; a bad scenario fails with a ScenarioError saying where. */
export function buildWorld(scenario: ScenarioName | Scenario | string, clock: Clock): { world: World; name: string } {
  if (typeof scenario === 'string') {
    if (!isScenarioName(scenario))
      throw new ScenarioError(`unknown scenario ${JSON.stringify(scenario)}; expected one of ${Object.keys(SCENARIOS).join(', ')}`);
    return { world: replay(validateScenario(SCENARIOS[scenario].build(clock.now())), clock), name: scenario };
  }
  return { world: replay(validateScenario(scenario), clock), name: 'custom' };
}

function replay(scenario: Scenario, clock: Clock): World {
  try {
    return loadScenario(scenario, clock);
  } catch (error) {
    if (error instanceof ServiceError)
      throw new ScenarioError(`invalid scenario: replaying it failed with ${error.code}: ${error.message}`);
    throw error;
  }
}

/**
 * The emulator uses core's types only, never its logic (a lint rule says so): an emulator that evaluated tags
 * or policies with the code under test would agree with it by construction.
 */
const SILENT: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  // Tests in another process move time through the control API: the emulator's time is the given clock plus an offset.
  const baseClock = options.clock ?? { now: () => new Date() };
  let clockOffsetMs = 0;
  const clock: Clock = { now: () => new Date(baseClock.now().getTime() + clockOffsetMs) };
  const logger = options.logger ?? SILENT;
  let current = buildWorld(options.scenario, clock);
  let latencyMs = options.latencyMs ?? 0;
  const faults = new FaultSet();

  const load = (scenario: ScenarioName | Scenario) => {
    current = buildWorld(scenario, clock);
    logger.info(`emulator: loaded scenario ${current.name}`);
  };

  const server: EmulatorServer = new EmulatorServer({
    world: () => current.world,
    faults,
    latencyMs: () => latencyMs,
    logger,
    control: async ({ method, path, body }) => {
      try {
        return controlApi(method, path, body);
      } catch (error) {
        return { status: 400, body: { error: error instanceof Error ? error.message : String(error) } };
      }
    },
  });

  /** The control API for tests in another process; JSON in, JSON out. */
  function controlApi(method: string, path: string, body: string): { status: number; body: unknown } {
    const input = body.trim() ? (JSON.parse(body) as Record<string, unknown>) : {};
    const route = `${method} ${path}`;
    switch (route) {
      case 'GET state':
        return { status: 200, body: summarise(current.world, current.name) };
      case 'POST sweep':
        return { status: 200, body: current.world.sweep(typeof input.region === 'string' ? input.region : undefined) };
      case 'GET faults':
        return { status: 200, body: faults.list() };
      case 'POST faults': {
        const specs = Array.isArray(input) ? (input as FaultSpec[]) : [input as unknown as FaultSpec];
        return { status: 200, body: { ids: specs.map((spec) => faults.add(spec)) } };
      }
      case 'DELETE faults':
        faults.clear();
        return { status: 200, body: {} };
      case 'GET calls':
        return { status: 200, body: server.calls() };
      case 'POST reset-calls':
        server.resetCalls();
        return { status: 200, body: {} };
      case 'POST latency':
        if (typeof input.ms !== 'number' || input.ms < 0) throw new Error('expected { "ms": number >= 0 }');
        latencyMs = input.ms;
        return { status: 200, body: { latencyMs } };
      case 'POST clock':
        if (typeof input.advanceMs !== 'number' || input.advanceMs < 0) throw new Error('expected { "advanceMs": number >= 0 }');
        clockOffsetMs += input.advanceMs;
        return { status: 200, body: { now: clock.now().toISOString() } };
      case 'POST scenario': {
        const scenario = (input.scenario ?? input.name) as ScenarioName | Scenario | undefined;
        if (scenario === undefined) throw new Error('expected { "name": "incident" } or { "scenario": {...} }');
        load(scenario);
        return { status: 200, body: { scenario: current.name } };
      }
      default:
        return { status: 404, body: { error: `unknown control route ${route}; see src/emulator/README.md` } };
    }
  }

  const port = await server.listen(options.port ?? 0);
  const endpoint = `http://127.0.0.1:${port}`;
  logger.info(`emulator: scenario ${current.name} at ${endpoint}`);
  return {
    endpoint,
    port,
    get scenarioName() {
      return current.name;
    },
    get accountId() {
      return current.world.accountId;
    },
    sweep: (region) => current.world.sweep(region),
    faults: {
      add: (spec) => faults.add(spec),
      remove: (id) => faults.remove(id),
      clear: () => faults.clear(),
      list: () => faults.list(),
    },
    calls: () => server.calls(),
    resetCalls: () => server.resetCalls(),
    setLatency: (ms) => {
      latencyMs = ms;
    },
    advanceClock: (ms) => {
      clockOffsetMs += ms;
    },
    load,
    summary: () => summarise(current.world, current.name),
    close: () => server.close(),
  };
}
