import { strict as assert } from 'node:assert';
import { toAggregator } from '../../../src/aws/account-scan-ports';

describe('toAggregator reads every aggregation source', () => {
  it('unions the accounts and regions of all account sources, not only the first', () => {
    const info = toAggregator({
      ConfigurationAggregatorName: 'central',
      AccountAggregationSources: [
        { AccountIds: ['111111111111'], AwsRegions: ['eu-west-1'], AllAwsRegions: false },
        { AccountIds: ['222222222222', '111111111111'], AwsRegions: ['us-east-1', 'eu-west-1'], AllAwsRegions: false },
      ],
    });
    assert.deepEqual(info.accountIds, ['111111111111', '222222222222']);
    assert.deepEqual(info.regions, ['eu-west-1', 'us-east-1']);
    assert.equal(info.allRegions, false);
  });

  it('says "all regions" only when every source covers all regions, never more than the aggregator has', () => {
    const info = toAggregator({
      ConfigurationAggregatorName: 'central',
      AccountAggregationSources: [
        { AccountIds: ['111111111111'], AwsRegions: ['eu-west-1'], AllAwsRegions: false },
        { AccountIds: ['333333333333'], AllAwsRegions: true },
      ],
    });
    assert.equal(info.allRegions, false, 'account 111111111111 is aggregated from eu-west-1 only');
    assert.deepEqual(info.accountIds, ['111111111111', '333333333333']);
    const everywhere = toAggregator({
      ConfigurationAggregatorName: 'central',
      AccountAggregationSources: [
        { AccountIds: ['111111111111'], AllAwsRegions: true },
        { AccountIds: ['333333333333'], AllAwsRegions: true },
      ],
    });
    assert.equal(everywhere.allRegions, true);
  });
});
