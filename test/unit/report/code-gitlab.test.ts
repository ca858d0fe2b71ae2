import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { CodeFinding } from '../../../src/core/code-finding';
import { formatCodeGitlab, type GitlabCodeQualityIssue } from '../../../src/report/code-gitlab';
import { formatCodeSarif } from '../../../src/report/code-sarif';

const missing: CodeFinding = {
  rule: 'tagsight.missing-tags',
  severity: 'warning',
  message: 'aws_s3_bucket.logs is missing required tags "Owner" (required by --require).',
  range: { start: { line: 4, character: 0 }, end: { line: 6, character: 1 } },
  resource: 'aws_s3_bucket.logs',
  missing: ['Owner'],
};
const regionCall = (line: number): CodeFinding => ({
  rule: 'tagsight.region-mismatch',
  severity: 'error',
  message: 'This CreateBucket call goes to us-east-1 but names eu-west-1; create the client in eu-west-1.',
  range: { start: { line, character: 0 }, end: { line, character: 20 } },
});
const SOURCE = ['const s3 = new S3Client({});', 'await s3.send(create);', 'await s3.send(create);'].join('\n');

function parse(output: string): GitlabCodeQualityIssue[] {
  return JSON.parse(output) as GitlabCodeQualityIssue[];
}

describe('GitLab code quality report (--format gitlab)', () => {
  it('is a JSON array of issues with description, check_name, fingerprint, severity and a 1-based location', () => {
    const issues = parse(formatCodeGitlab([{ file: path.join('infra', 'main.tf'), finding: missing }]));
    assert.deepEqual(issues, [
      {
        description: missing.message,
        check_name: 'tagsight.missing-tags',
        fingerprint: issues[0]!.fingerprint,
        severity: 'minor',
        location: { path: 'infra/main.tf', lines: { begin: 5, end: 7 } },
      },
    ]);
    assert.match(issues[0]!.fingerprint, /^[0-9a-f]{32}$/);
  });

  it("maps severities onto GitLab's scale", () => {
    const severities = (['error', 'warning', 'information', 'hint'] as const).map(
      (severity) => parse(formatCodeGitlab([{ file: 'a.tf', finding: { ...missing, severity } }]))[0]!.severity,
    );
    assert.deepEqual(severities, ['major', 'minor', 'info', 'info']);
  });

  it('gives identical findings distinct fingerprints, the same ones SARIF uploads carry', () => {
    const located = [
      { file: 'app.js', finding: regionCall(1) },
      { file: 'app.js', finding: regionCall(2) },
    ];
    const sourceText = (file: string) => (file === 'app.js' ? SOURCE : undefined);
    const gitlab = parse(formatCodeGitlab(located, { sourceText })).map((issue) => issue.fingerprint);
    assert.equal(new Set(gitlab).size, 2, 'GitLab drops issues that share a fingerprint');
    const sarif = JSON.parse(formatCodeSarif(located, { version: '0', srcRoot: process.cwd(), sourceText })) as {
      runs: { results: { partialFingerprints: Record<string, string> }[] }[];
    };
    assert.deepEqual(
      gitlab,
      sarif.runs[0]!.results.map((result) => result.partialFingerprints['tagsightFinding/v1']),
    );
  });

  it('is an empty array when nothing was found', () => {
    assert.deepEqual(parse(formatCodeGitlab([])), []);
  });
});
