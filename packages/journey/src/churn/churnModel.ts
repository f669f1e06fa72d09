import type { BgnbdParams } from './bgnbdParams.ts';
import type { GammaGammaParams } from './gammaGamma.ts';

/** Derived fact type of a fitted churn model, on the stream `churn-model-<projectId>`. */
export const CHURN_MODEL_FITTED = 'churn.model_fitted';

/**
 * A project's fitted purchase model, as stored in a `churn.model_fitted` fact: BG/NBD for
 * P(alive) and expected purchases, Gamma-Gamma for spend (absent when too few repeat buyers).
 * Time is measured in `timeUnitDays` (7: weeks, as in Fader, Hardie & Lee).
 */
export interface ChurnModel {
  readonly projectId: string;
  /** 1, 2, 3… per project: the version a warning names. */
  readonly version: number;
  readonly fittedAt: string;
  readonly calibration: { readonly from: string; readonly to: string };
  readonly timeUnitDays: number;
  readonly customers: number;
  readonly bgnbd: BgnbdParams & { readonly logLikelihood: number };
  readonly gammaGamma?: GammaGammaParams;
}

/** Where the projector finds the current model of a project (undefined: none fitted yet). */
export interface ChurnModelSource {
  current(projectId: string): Promise<ChurnModel | undefined>;
}
