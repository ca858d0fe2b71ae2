import { terraformFile } from '../test/bench/iac.bench';
import { createParser } from '../src/analyzers/parser-runtime';
import { TerraformAnalyzer } from '../src/analyzers/terraform/analyzer';
import { silentLogger } from '../src/core/logger';
(async () => {
const policy = { requirements: [{ key: 'Owner', source: { kind: 'setting' as const, name: 'b' } }, { key: 'CostCenter', source: { kind: 'setting' as const, name: 'b' } }, { key: 'Env', allowedValues: ['dev', 'prod'], source: { kind: 'setting' as const, name: 'b' } }] };
const text = terraformFile();
const p = await createParser('terraform');
const a = new TerraformAnalyzer();
const ps: number[] = [], as: number[] = [];
for (let i = 0; i < 7; i++) {
  let t = process.hrtime.bigint(); p.parse(text)!.delete(); ps.push(Number(process.hrtime.bigint() - t) / 1e6);
  t = process.hrtime.bigint(); const s = a.createSession('/tmp/none/main.tf'); await s.analyze(text, { policy, logger: silentLogger }); s.dispose(); as.push(Number(process.hrtime.bigint() - t) / 1e6);
}
const med = (x: number[]) => x.sort((a, b) => a - b)[Math.floor(x.length / 2)]!;
console.log('parse', med(ps).toFixed(0), 'analysis', med(as).toFixed(0), 'ratio', (med(as) / med(ps)).toFixed(2));
})();
