/**
 * A 20k-line template the yaml library rejects as written but CloudFormation (PyYAML) reads: a flow map at its key's
 * column in one resource of 100. Such a file is parsed twice, as written and re-indented (lenient-yaml.ts); a valid
 * file is parsed once, as the iac module's 20k-line row measures. Interleaved with the plain template, so that the
 * ratio holds under the load of a shared machine.
 */
import { CloudFormationAnalyzer } from '../../src/analyzers/cloudformation/analyzer';
import { silentLogger } from '../../src/core/logger';
import type { TagPolicy } from '../../src/core/tag-policy';
import type { BenchRow } from './bench';
import { cloudFormationFile } from './iac.bench';

const policy: TagPolicy = { requirements: [{ key: 'Owner', source: { kind: 'setting', name: 'bench' } }] };
const context = { policy, logger: silentLogger };

export async function run(): Promise<BenchRow[]> {
  const plain = cloudFormationFile();
  let count = 0;
  let inserted = 0;
  const lenient = plain.replace(/ {4}Properties:\n/g, (line) =>
    count++ % 100 === 0 && ++inserted ? `${line}      RedriveAllowPolicy: {\n      "redrivePermission": "allowAll"\n      }\n` : line,
  );
  const analyzer = new CloudFormationAnalyzer();
  const analyze = async (text: string) => {
    const session = analyzer.createSession('/tmp/tagsight-bench/lenient.yaml');
    const start = process.hrtime.bigint();
    await session.analyze(text, context);
    session.dispose();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  await analyze(lenient);
  const ratios: number[] = [];
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const lenientMs = await analyze(lenient);
    times.push(lenientMs);
    ratios.push(lenientMs / (await analyze(plain)));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return [
    {
      name: 'cloudformation: full analysis, 20k lines, PyYAML-only constructs',
      timeMs: median(times),
      notes: `${inserted} flow maps at their key's column; ${median(ratios).toFixed(2)}x the plain template (parsed twice)`,
    },
  ];
}
