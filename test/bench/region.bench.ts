/**
 * Region-mismatch analysis on large files: a 20,000-line TypeScript and a 20,000-line Python file, each with a
 * CreateBucket call every 100 lines. Cold (first session: grammar and query compile), warm (a new session), and
 * after a one-character edit (incremental reparse with the editor's change).
 */
import type { AnalysisSession, TextChange } from '../../src/analyzers/document-analyzer';
import { createJavaScriptRegionAnalyzer, createPythonRegionAnalyzer } from '../../src/analyzers/region/region-analyzer';
import { silentLogger } from '../../src/core/logger';
import { medianMs, type BenchRow } from './bench';

const LINES = 20_000;
const context = { policy: { requirements: [] }, logger: silentLogger };

function typescriptFile(): string {
  const lines = [
    "import { S3Client, CreateBucketCommand } from '@aws-sdk/client-s3';",
    "const HOME = 'us-east-1';",
    'const s3 = new S3Client({ region: HOME });',
  ];
  for (let block = 0; lines.length < LINES; block++) {
    lines.push(`export async function make${block}(name: string, count = ${block}) {`);
    lines.push(`  const params = { Bucket: \`\${name}-${block}\`, CreateBucketConfiguration: { LocationConstraint: 'ap-northeast-2' } };`);
    lines.push('  await s3.send(new CreateBucketCommand(params));');
    for (let i = 0; i < 95; i++)
      lines.push(`  const v${i} = count * ${i} + name.length; if (v${i} > ${i * 7}) { console.log('value', v${i}); }`);
    lines.push('  return count;', '}');
  }
  return lines.slice(0, LINES).join('\n') + '\n';
}

function pythonFile(): string {
  const lines = ['import boto3', "HOME = 'us-east-1'", "s3 = boto3.client('s3', region_name=HOME)"];
  for (let block = 0; lines.length < LINES; block++) {
    lines.push(`def make_${block}(name, count=${block}):`);
    lines.push(`    s3.create_bucket(Bucket=f'{name}-${block}', CreateBucketConfiguration={'LocationConstraint': 'ap-northeast-2'})`);
    for (let i = 0; i < 96; i++) lines.push(`    v${i} = count * ${i} + len(name)${i % 10 === 0 ? `  # note ${i}` : ''}`);
    lines.push('    return count', '');
  }
  return lines.slice(0, LINES).join('\n') + '\n';
}

/** Replaces the character at a line's middle with another digit, as one editor change. */
function oneCharacterEdit(text: string, line: number, toggle: boolean): { text: string; change: TextChange } {
  let offset = 0;
  for (let l = 0; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  const lineText = text.slice(offset, text.indexOf('\n', offset));
  const character = lineText.search(/\d/);
  const newChar = toggle ? '7' : '3';
  const at = offset + character;
  return {
    text: text.slice(0, at) + newChar + text.slice(at + 1),
    change: {
      range: { start: { line, character }, end: { line, character: character + 1 } },
      rangeOffset: at,
      rangeLength: 1,
      text: newChar,
    },
  };
}

async function measure(
  label: string,
  analyzer: ReturnType<typeof createJavaScriptRegionAnalyzer>,
  file: string,
  text: string,
): Promise<BenchRow[]> {
  const kb = Math.round(Buffer.byteLength(text) / 1024);
  const coldStart = process.hrtime.bigint();
  const cold = analyzer.createSession(file);
  const findings = await cold.analyze(text, context);
  const coldMs = Number(process.hrtime.bigint() - coldStart) / 1e6;
  cold.dispose();

  const warm = await medianMs(3, async () => {
    const session = analyzer.createSession(file);
    await session.analyze(text, context);
    session.dispose();
  });

  const session: AnalysisSession = analyzer.createSession(file);
  await session.analyze(text, context);
  let current = text;
  let toggle = false;
  const edited = await medianMs(5, async () => {
    toggle = !toggle;
    const { text: next, change } = oneCharacterEdit(current, Math.floor(LINES / 2) + 3, toggle);
    current = next;
    await session.analyze(current, context, [change]);
  });
  session.dispose();
  const notes = `${LINES.toLocaleString('en')} lines, ${kb} KiB, ${findings.length} findings`;
  return [
    { name: `region: ${label} first analysis (cold)`, timeMs: coldMs, notes: `${notes}; includes grammar load` },
    { name: `region: ${label} full analysis (warm)`, timeMs: warm, notes: `${notes}; new session, median of 3` },
    { name: `region: ${label} after a 1-character edit`, timeMs: edited, notes: 'incremental reparse + resolution, median of 5' },
  ];
}

export async function run(): Promise<BenchRow[]> {
  return [
    ...(await measure('TypeScript', createJavaScriptRegionAnalyzer(), 'bench.ts', typescriptFile())),
    ...(await measure('Python', createPythonRegionAnalyzer(), 'bench.py', pythonFile())),
  ];
}
