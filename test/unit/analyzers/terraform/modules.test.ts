import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TerraformAnalyzer } from '../../../../src/analyzers/terraform/analyzer';
import { diskSourceFiles } from '../../../../src/app/disk-source-files';
import { silentLogger } from '../../../../src/core/logger';
import { requireKeys } from './analyze';

/** A local child module gets the default tags of the providers its callers pass in. */
async function analyzeChild(files: Record<string, string>, target: string): Promise<string[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-modules-'));
  const analyzer = new TerraformAnalyzer();
  try {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      fs.writeFileSync(path.join(root, name), text);
    }
    const session = analyzer.createSession(path.join(root, target));
    const findings = await session.analyze(files[target]!, { policy: requireKeys('Owner'), logger: silentLogger, files: diskSourceFiles });
    session.dispose();
    return findings.map((f) => f.resource!);
  } finally {
    analyzer.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe('Terraform local modules', () => {
  const child = 'resource "aws_s3_bucket" "b" {\n}\n';

  it("applies the caller's default provider tags to a child module without providers", async () => {
    const files = {
      'main.tf':
        'provider "aws" {\n  default_tags {\n    tags = { Owner = "me" }\n  }\n}\nmodule "store" {\n  source = "./modules/store"\n}\n',
      'modules/store/main.tf': child,
    };
    assert.deepEqual(await analyzeChild(files, 'modules/store/main.tf'), []);
  });

  it('follows `providers = { aws = aws.x }` to the alias that is passed', async () => {
    const files = {
      'main.tf':
        'provider "aws" {\n}\nprovider "aws" {\n  alias = "tagged"\n  default_tags {\n    tags = { Owner = "me" }\n  }\n}\nmodule "a" {\n  source = "./a"\n  providers = { aws = aws.tagged }\n}\nmodule "b" {\n  source = "./b"\n}\n',
      'a/main.tf': child,
      'b/main.tf': child,
    };
    assert.deepEqual(await analyzeChild(files, 'a/main.tf'), []);
    assert.deepEqual(await analyzeChild(files, 'b/main.tf'), ['aws_s3_bucket.b']);
  });

  it('without a local caller, checks the child module on its own (like tflint)', async () => {
    const files = { 'main.tf': 'module "remote" {\n  source = "terraform-aws-modules/s3-bucket/aws"\n}\n', 'modules/x/main.tf': child };
    assert.deepEqual(await analyzeChild(files, 'modules/x/main.tf'), ['aws_s3_bucket.b']);
  });

  it('reads the other files of the module through the context, so an unsaved sibling counts as it is', async () => {
    const analyzer = new TerraformAnalyzer();
    // Nothing of this module is on disk: the sibling with the default tags exists only in the editor's buffer.
    const directory = path.join(os.tmpdir(), 'tagsight-not-on-disk');
    const buffers = new Map([
      [path.join(directory, 'providers.tf'), 'provider "aws" {\n  default_tags {\n    tags = { Owner = "me" }\n  }\n}\n'],
    ]);
    const files = {
      listDirectory: async (dir: string) => (dir === directory ? [...buffers.keys()].map((file) => path.basename(file)) : []),
      stamp: async (file: string) => (buffers.has(file) ? `buffer:${buffers.get(file)!.length}` : undefined),
      readText: async (file: string) => buffers.get(file) ?? Promise.reject(new Error(`not open: ${file}`)),
      modifiedTime: async (file: string) => (buffers.has(file) ? 1 : undefined),
    };
    try {
      const session = analyzer.createSession(path.join(directory, 'main.tf'));
      const withSibling = await session.analyze(child, { policy: requireKeys('Owner'), logger: silentLogger, files });
      assert.deepEqual(
        withSibling.map((f) => f.resource),
        [],
        'the buffered default_tags apply',
      );
      const alone = await session.analyze(child, { policy: requireKeys('Owner'), logger: silentLogger });
      assert.deepEqual(
        alone.map((f) => f.resource),
        ['aws_s3_bucket.b'],
        'without SourceFiles the file is checked on its own',
      );
      session.dispose();
    } finally {
      analyzer.dispose();
    }
  });
});
