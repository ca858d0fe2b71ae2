import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startFromOptions } from '../../../src/cli/commands/emulator';
import type { CliIo } from '../../../src/cli/io';
import { UsageError } from '../../../src/core/errors';
import { MemoryLogger } from '../helpers/memory-logger';
import { credentials } from './helpers';

function memoryIo(): CliIo & { output: () => string } {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stdout, stderr: new PassThrough(), logger: new MemoryLogger(), exit: () => undefined, output: () => text };
}

describe('tagsight emulator (CLI command)', () => {
  it('starts a scenario, prints the endpoint, and serves real SDK calls', async () => {
    const io = memoryIo();
    const emulator = await startFromOptions({ scenario: 'incident', latency: '0' }, io);
    try {
      assert.match(io.output(), new RegExp(`endpoint: ${emulator.endpoint.replace(/[.]/g, '\\.')}`));
      assert.match(io.output(), /account 123456789012/);
      const identity = await new STSClient({ endpoint: emulator.endpoint, region: 'us-east-1', credentials }).send(
        new GetCallerIdentityCommand({}),
      );
      assert.equal(identity.Account, '123456789012');
    } finally {
      await emulator.close();
    }
  });

  it('loads a scenario file and reports its problems as usage errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagsight-emulator-'));
    try {
      const good = join(dir, 'good.json');
      writeFileSync(
        good,
        JSON.stringify({ accountId: '999988887777', regions: [{ name: 'us-east-1', optInStatus: 'ENABLED_BY_DEFAULT' }] }),
      );
      const emulator = await startFromOptions({ scenario: good }, memoryIo());
      assert.equal(emulator.accountId, '999988887777');
      await emulator.close();
      const broken = join(dir, 'broken.json');
      writeFileSync(broken, '{ "accountId": ');
      await assert.rejects(
        startFromOptions({ scenario: broken }, memoryIo()),
        (e: Error) => e instanceof UsageError && /not valid JSON/.test(e.message),
      );
      const invalid = join(dir, 'invalid.json');
      writeFileSync(invalid, JSON.stringify({ accountId: '1', regions: [] }));
      await assert.rejects(
        startFromOptions({ scenario: invalid }, memoryIo()),
        (e: Error) => e instanceof UsageError && /accountId/.test(e.message),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects unknown scenarios and bad numbers', async () => {
    await assert.rejects(
      startFromOptions({ scenario: 'mars' }, memoryIo()),
      (e: Error) => e instanceof UsageError && /unknown scenario/.test(e.message),
    );
    await assert.rejects(startFromOptions({ scenario: 'incident', port: 'x' }, memoryIo()), /--port expects an integer/);
    await assert.rejects(startFromOptions({ scenario: 'incident', latency: '-1' }, memoryIo()), /--latency expects an integer/);
  });
});
