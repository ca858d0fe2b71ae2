import { StartConfigRulesEvaluationCommand, type ConfigServiceClient } from '@aws-sdk/client-config-service';
import type { Clock } from '../core/clock';
import { systemClock } from '../core/clock';
import { plural } from '../core/wording';
import { isAwsError } from './errors';

/**
 * StartConfigRulesEvaluation re-runs rules against the LAST RECORDED state: it does not re-record a resource and
 * cannot make Config discover a missed bucket. AWS allows one call a minute (LimitExceededException otherwise,
 * also while an evaluation runs), so calls are spaced here, per region and rule set.
 */
export const REEVALUATION_EXPLANATION =
  'Config re-evaluates the last recorded state only: it does not re-record the resource, and cannot discover a bucket ' +
  "it has not seen. A tag written through the resource's own region is likely to be recorded first, within minutes.";

const MIN_INTERVAL_MS = 60_000;
/** StartConfigRulesEvaluation takes 1 to 25 rule names. */
const MAX_RULES_PER_CALL = 25;

export type ReevaluationOutcome =
  | { readonly kind: 'started'; readonly ruleNames: readonly string[]; readonly explanation: string }
  | { readonly kind: 'too-soon'; readonly retryInMs: number; readonly explanation: string }
  | { readonly kind: 'limit-exceeded'; readonly explanation: string }
  | { readonly kind: 'no-rules'; readonly explanation: string };

export class RuleReevaluator {
  private readonly lastStarted = new Map<string, number>();

  constructor(private readonly clock: Clock = systemClock) {}

  async reevaluate(
    config: ConfigServiceClient,
    region: string,
    ruleNames: readonly string[],
    signal?: AbortSignal,
  ): Promise<ReevaluationOutcome> {
    if (ruleNames.length === 0) return { kind: 'no-rules', explanation: `No REQUIRED_TAGS rule in ${region} to re-evaluate.` };
    const key = `${region}\n${[...ruleNames].sort().join('\n')}`;
    const now = this.clock.now().getTime();
    const last = this.lastStarted.get(key);
    if (last !== undefined && now - last < MIN_INTERVAL_MS) {
      const retryInMs = MIN_INTERVAL_MS - (now - last);
      return {
        kind: 'too-soon',
        retryInMs,
        explanation: `AWS allows one re-evaluation a minute; try again in ${Math.ceil(retryInMs / 1000)} s.`,
      };
    }
    const sent = ruleNames.slice(0, MAX_RULES_PER_CALL);
    try {
      await config.send(new StartConfigRulesEvaluationCommand({ ConfigRuleNames: [...sent] }), { abortSignal: signal });
    } catch (error) {
      // The SDK retries LimitExceededException as throttling; reaching here means the retries ran out too.
      if (isAwsError(error, 'LimitExceededException', 'ResourceInUseException')) {
        this.lastStarted.set(key, now);
        return {
          kind: 'limit-exceeded',
          explanation: `An evaluation of these rules is already running or was started less than a minute ago. ${REEVALUATION_EXPLANATION}`,
        };
      }
      throw error;
    }
    this.lastStarted.set(key, now);
    // Only what was sent was started: the outcome never claims the rules past the API's limit.
    const left = ruleNames.length - sent.length;
    const leftOut =
      left > 0
        ? ` ${plural(left, 'more rule')} ${left === 1 ? 'was' : 'were'} not started: AWS takes ${MAX_RULES_PER_CALL} at a time.`
        : '';
    return { kind: 'started', ruleNames: sent, explanation: REEVALUATION_EXPLANATION + leftOut };
  }
}
