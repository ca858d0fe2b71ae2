import * as assert from 'node:assert/strict';
import { classifyError, stopsTheScan } from '../../../src/core/scan-error';
import { awsErrorFacts } from '../../../src/aws/errors';

describe('scan error classification', () => {
  const cases: Array<[Parameters<typeof classifyError>[0], string]> = [
    [{ name: 'ThrottlingException', httpStatus: 400 }, 'throttled'],
    [{ name: 'TooManyRequestsException', httpStatus: 429 }, 'throttled'],
    [{ name: 'SlowDown', httpStatus: 503 }, 'throttled'],
    [{ name: 'AccessDeniedException', httpStatus: 400 }, 'access-denied'],
    [{ name: 'AccessDenied', httpStatus: 403 }, 'access-denied'],
    [{ name: 'UnrecognizedClientException', httpStatus: 400 }, 'region-disabled'],
    [{ name: 'InvalidClientTokenId', httpStatus: 403 }, 'region-disabled'],
    [{ name: 'ExpiredTokenException', httpStatus: 400 }, 'expired-credentials'],
    [{ name: 'ExpiredToken', httpStatus: 400 }, 'expired-credentials'],
    [{ name: 'CredentialsProviderError', message: 'Could not load credentials from any providers' }, 'no-credentials'],
    [{ name: 'TimeoutError' }, 'network'],
    [{ code: 'ECONNREFUSED', name: 'ECONNREFUSED' }, 'network'],
    [{ name: 'InternalFailure', httpStatus: 500 }, 'server-error'],
    [{ name: 'MalformedResponse' }, 'other'],
    [{ name: 'NoSuchConfigRuleException', httpStatus: 400 }, 'other'],
  ];
  for (const [facts, kind] of cases) {
    it(`${facts.name ?? facts.code} is ${kind}`, () => {
      const error = classifyError(facts, 'DescribeConfigRules');
      assert.equal(error.kind, kind);
      assert.equal(error.operation, 'DescribeConfigRules');
      assert.ok(error.message.length > 0);
    });
  }

  it('words a disabled region as a likely cause, with the code as evidence', () => {
    const error = classifyError({ name: 'UnrecognizedClientException' });
    assert.match(error.message, /likely/);
    assert.match(error.message, /UnrecognizedClientException/);
  });

  it('stops the scan only for credentials problems', () => {
    assert.equal(stopsTheScan(classifyError({ name: 'ExpiredTokenException' })), true);
    assert.equal(stopsTheScan(classifyError({ name: 'ThrottlingException' })), false);
    assert.equal(stopsTheScan(classifyError({ name: 'UnrecognizedClientException' })), false);
  });

  it('reads SDK-shaped errors without touching their request or response', () => {
    const sdkError = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    assert.deepEqual(awsErrorFacts(sdkError), {
      name: 'ThrottlingException',
      code: 'ThrottlingException',
      httpStatus: 400,
      message: 'Rate exceeded',
    });
    const network = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    assert.equal(classifyError(awsErrorFacts(network)).kind, 'network');
    const malformed = Object.assign(new SyntaxError('Unexpected end of JSON input'), { $response: { statusCode: 200 } });
    assert.equal(classifyError(awsErrorFacts(malformed)).message.includes('could not be read'), true);
  });
});
