import type { World } from '../model/world';
import { ServiceError, type EmulatorRequest, type EmulatorResponse } from '../protocol/request';
import { jsonOk } from '../protocol/respond';

/** AWS Organizations (JSON 1.1): only DescribeOrganization, enough to tell an organization aggregator's context. */
export function handleOrganizations(world: World, request: EmulatorRequest): EmulatorResponse {
  if (request.operation !== 'DescribeOrganization')
    throw new ServiceError('UnknownOperationException', `Unknown operation ${request.operation}`);
  const organization = world.organization;
  if (!organization) throw new ServiceError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
  return jsonOk({
    Organization: {
      Id: organization.id,
      Arn: `arn:aws:organizations::${organization.managementAccountId}:organization/${organization.id}`,
      FeatureSet: 'ALL',
      MasterAccountArn: `arn:aws:organizations::${organization.managementAccountId}:account/${organization.id}/${organization.managementAccountId}`,
      MasterAccountId: organization.managementAccountId,
      MasterAccountEmail: `aws-admin+${organization.managementAccountId}@example.invalid`,
    },
  });
}
