import type { World } from '../model/world';
import { ServiceError, type EmulatorRequest, type EmulatorResponse } from '../protocol/request';
import { escapeXml } from '../../core/xml-escape';

/** The query-protocol action of a form-encoded STS request. */
export function stsOperation(body: string): string | undefined {
  return new URLSearchParams(body).get('Action') ?? undefined;
}

export function handleSts(world: World, request: EmulatorRequest): EmulatorResponse {
  if (request.operation !== 'GetCallerIdentity')
    throw new ServiceError('InvalidAction', `Could not find operation ${request.operation} for version 2011-06-15`);
  const body =
    `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
    `<Arn>${escapeXml(world.callerArn)}</Arn><UserId>AIDAEMULATOR0000000001</UserId><Account>${world.accountId}</Account>` +
    `</GetCallerIdentityResult><ResponseMetadata><RequestId>${world.nextUuid()}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
  return { status: 200, headers: { 'content-type': 'text/xml' }, body };
}
