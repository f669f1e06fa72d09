import type { ChurnModel } from '../churnModel.ts';
import type { CustomerFact } from '../signals/churnSignal.ts';
import type { ChurnRuleConfig } from '../signals/churnRuleConfig.ts';
import { churnAssessment, type ChurnAssessment } from './churnAssessment.ts';
import { pAliveFallsTo } from './modelOutlook.ts';
import { churnRelevantFacts, warningInstants } from './warningInstants.ts';

/** One warning: raised at an instant, cleared at a later one (or still open). */
export interface ChurnWarningEpisode {
  /** The assessment that raised it (score ≥ raiseAt): its instant is the raise's key. */
  readonly raised: ChurnAssessment;
  /** The assessment that cleared it (score < clearBelow); undefined while open. */
  readonly cleared?: ChurnAssessment;
  /** Ids of the facts at the clearing instant (e.g. the purchase that ended a silence). */
  readonly clearedBy?: readonly string[];
}

/** A customer's churn warnings up to `asOf`. */
export interface ChurnWarning {
  /** The risk at `asOf` (shown in the worklist and the customer view). */
  readonly current: ChurnAssessment;
  /** True when the last episode is still open at `asOf`. */
  readonly open: boolean;
  /** Every raise and clear up to `asOf`, oldest first. */
  readonly episodes: readonly ChurnWarningEpisode[];
  /** The next instant after `asOf` at which the warning can change without a new fact. */
  readonly nextReviewAt: Date | undefined;
}

/**
 * Walks a customer's history through time and raises / clears churn warnings with hysteresis:
 * raised when the score reaches `rules.warning.raiseAt`, cleared when it falls below `clearBelow`.
 * The score is evaluated at the instants the rules can change (`warningInstants`: facts and the
 * deadlines they start) and, with a model, at the instant P(alive)'s fall alone would reach the
 * threshold between two of them (solved in closed form). Every instant depends on the facts, the
 * rules and the model only, so re-evaluating later (a replay, a rebuild, the review sweep) finds
 * the same raises and clears; `asOf` only decides how far the walk goes. Pure.
 */
export function churnWarning(
  history: readonly CustomerFact[],
  rules: ChurnRuleConfig,
  model: ChurnModel | undefined,
  asOf: Date,
): ChurnWarning {
  const end = asOf.getTime();
  const facts = churnRelevantFacts(history, rules);
  const { raiseAt, clearBelow } = rules.warning;
  const instants = warningInstants(facts, rules);
  const assess = (ms: number) => churnAssessment(facts, new Date(ms), rules, model);

  const episodes: {
    raised: ChurnAssessment;
    cleared?: ChurnAssessment;
    clearedBy?: string[];
  }[] = [];
  let open = false;
  let nextReview: number | undefined;
  for (const [i, t] of instants.entries()) {
    if (t > end) {
      nextReview = Math.min(nextReview ?? t, t);
      break;
    }
    const here = assess(t);
    if (!open && here.score >= raiseAt) {
      episodes.push({ raised: here });
      open = true;
    } else if (open && here.score < clearBelow) {
      const episode = episodes.at(-1)!;
      episode.cleared = here;
      episode.clearedBy = facts.filter((f) => f.occurredAt.getTime() === t).map((f) => f.id);
      open = false;
    }
    if (open) continue;
    // With the rules fixed until the next instant, can P(alive)'s fall alone raise a warning?
    const crossing = modelCrossing(here, rules, model);
    const next = instants[i + 1] ?? Infinity;
    if (crossing === undefined || crossing <= t || crossing >= next) continue;
    if (crossing > end) {
      nextReview = crossing;
      break;
    }
    const there = assess(crossing);
    if (there.score >= raiseAt) {
      episodes.push({ raised: there });
      open = true;
    }
  }
  const current = assess(end);
  return {
    current,
    open,
    episodes,
    nextReviewAt: nextReview === undefined ? undefined : new Date(nextReview),
  };
}

/** The instant P(alive) falls far enough for the combined score to reach `raiseAt`. */
function modelCrossing(
  here: ChurnAssessment,
  rules: ChurnRuleConfig,
  model: ChurnModel | undefined,
): number | undefined {
  const { raiseAt, modelWeight } = rules.warning;
  if (!model || !here.inputs || modelWeight === 0 || here.ruleScore >= 1) return undefined;
  // 1 − (1 − R)(1 − w(1 − p)) ≥ θ  ⟺  p ≤ 1 − (1 − (1 − θ)/(1 − R)) / w
  const target = 1 - (1 - (1 - raiseAt) / (1 - here.ruleScore)) / modelWeight;
  const at = pAliveFallsTo(model, here.inputs, target);
  return at === undefined ? undefined : at + 1;
}
