/** Parsing cost of the tree-sitter runtime on a large Terraform file, the base cost of every code check. */
import { createParser } from '../../src/analyzers/parser-runtime';
import { medianMs, type BenchRow } from './bench';

function terraformWithResources(count: number): string {
  const blocks: string[] = [];
  for (let i = 0; i < count; i++) {
    blocks.push(`resource "aws_s3_bucket" "b${i}" {\n  bucket = "bucket-${i}"\n  tags = {\n    Service = "api"\n  }\n}\n`);
  }
  return blocks.join('\n');
}

export async function run(): Promise<BenchRow[]> {
  const parser = await createParser('terraform');
  const source = terraformWithResources(2_000);
  const kb = Math.round(Buffer.byteLength(source) / 1024);
  const full = await medianMs(5, () => parser.parse(source)?.delete());
  return [{ name: 'tree-sitter: parse Terraform, 2,000 resources', timeMs: full, notes: `${kb} KiB, median of 5` }];
}
