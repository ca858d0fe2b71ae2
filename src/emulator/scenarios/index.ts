import type { Scenario } from '../scenario';
import { incidentScenario } from './incident';
import { largeScenario } from './large';
import { orgAggregatorScenario } from './org-aggregator';
import { wellCoveredScenario } from './well-covered';

/** Scenarios are code, not files, so they bundle into dist/cli.js and dist/extension.js without file reads. */
export const SCENARIOS = {
  incident: {
    description: 'The seed incident: recorder only in ap-northeast-2; a bucket created there through us-east-1 is unseen.',
    build: incidentScenario,
  },
  'well-covered': {
    description: 'Recorders in every region (one DAILY, one with exclusions); everything tagged.',
    build: wellCoveredScenario,
  },
  'org-aggregator': { description: 'An organization aggregator in us-east-1 over three recorded regions.', build: orgAggregatorScenario },
  large: { description: 'Generated: 25 regions, 5,000 resources, 2,000 non-compliant (for benchmarks).', build: largeScenario },
} satisfies Record<string, { description: string; build: (now: Date) => Scenario }>;

export type ScenarioName = keyof typeof SCENARIOS;

export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(SCENARIOS, name);
}
