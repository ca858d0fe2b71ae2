import * as assert from 'node:assert/strict';
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3ControlClient } from '@aws-sdk/client-s3-control';

/** The host and path a call would go to, captured just before sending (nothing leaves the process). */
export async function requestTarget(client: S3Client | S3ControlClient, send: () => Promise<unknown>): Promise<[string, string]> {
  const captured = new Error('captured');
  let target: [string, string] | undefined;
  (client as S3Client).middlewareStack.add(
    () => async (args) => {
      const request = args.request as { hostname: string; path: string };
      target = [request.hostname, request.path];
      throw captured;
    },
    { step: 'finalizeRequest', name: 'tagsightCaptureTarget', override: true },
  );
  await assert.rejects(send(), (error) => error === captured);
  client.middlewareStack.remove('tagsightCaptureTarget');
  return target!;
}
