import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createRegionAnalyzers, createJavaScriptRegionAnalyzer } from '../../../../src/analyzers/region/region-analyzer';
import { context } from './helpers';

const INCIDENT = `import { S3Client, CreateBucketCommand } from '@aws-sdk/client-s3';
const s3 = new S3Client({ region: 'us-east-1' });
export async function make(name: string) {
  await s3.send(new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: { LocationConstraint: 'ap-northeast-2' } }));
}
`;

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

describe('region analyzers: robustness', () => {
  it('an incremental reparse gives the same findings as a fresh parse, edit after edit', async () => {
    const analyzer = createJavaScriptRegionAnalyzer();
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ at: fc.nat(), length: fc.nat({ max: 4 }), text: fc.constantFrom('', 'x', "'", '{', '\n', 'eu-west-1', ' ') }),
          { minLength: 1, maxLength: 6 },
        ),
        async (edits) => {
          const incremental = analyzer.createSession('a.ts');
          try {
            let text = INCIDENT;
            await incremental.analyze(text, context());
            for (const edit of edits) {
              const start = edit.at % (text.length + 1);
              const end = Math.min(text.length, start + edit.length);
              const change = {
                range: { start: positionAt(text, start), end: positionAt(text, end) },
                rangeOffset: start,
                rangeLength: end - start,
                text: edit.text,
              };
              text = text.slice(0, start) + edit.text + text.slice(end);
              const viaEdits = await incremental.analyze(text, context(), [change]);
              const fresh = createJavaScriptRegionAnalyzer().createSession('a.ts');
              try {
                assert.deepEqual(viaEdits, await fresh.analyze(text, context()));
              } finally {
                fresh.dispose();
              }
            }
          } finally {
            incremental.dispose();
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('never throws on arbitrary text, whatever the file kind', async () => {
    const analyzers = createRegionAnalyzers();
    const files = ['a.ts', 'a.js', 'a.tsx', 'a.py', 'a.sh', 'Makefile', '.github/workflows/ci.yml', '.gitlab-ci.yml'];
    const seeds = [
      'aws s3api create-bucket --region ',
      'boto3.client(',
      's3.create_bucket(',
      'new S3Client({',
      'CreateBucketCommand',
      'run: |\n  ',
      '\t@aws s3 mb ',
      'LocationConstraint',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constantFrom(...seeds), fc.string({ maxLength: 12 })), { maxLength: 20 }),
        fc.constantFrom(...files),
        async (parts, file) => {
          const text = parts.join('');
          for (const analyzer of analyzers.filter((a) => a.handles(file))) {
            const session = analyzer.createSession(file);
            try {
              assert.ok(Array.isArray(await session.analyze(text, context())));
            } finally {
              session.dispose();
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
