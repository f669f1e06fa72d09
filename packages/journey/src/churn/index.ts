export type { BgnbdParams } from './bgnbdParams.ts';
export { checkSummaries, groupSummaries, type CustomerSummaries } from './customerSummaries.ts';
export {
  bgnbdLogLikelihood,
  prepareSummaries,
  type PreparedSummaries,
} from './bgnbdLogLikelihood.ts';
export { fitBgnbd, bgnbdStandardErrors, type BgnbdFit, type FitBgnbdOptions } from './fitBgnbd.ts';
export { pAlive } from './pAlive.ts';
export {
  expectedPurchases,
  expectedPurchasesIfAlive,
  expectedPurchasesIfAliveByQuadrature,
} from './expectedPurchases.ts';
export {
  expectedAverageSpend,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  gammaGammaStandardErrors,
  type GammaGammaFit,
  type GammaGammaParams,
} from './gammaGamma.ts';
export { customerLifetimeValue, type ClvOptions } from './clv.ts';
export {
  rfmSummary,
  type RfmSummary,
  type RfmSummaryOptions,
  type Transaction,
} from './rfmSummary.ts';
export {
  simulateBgnbd,
  type SimulateBgnbdOptions,
  type SimulatedCustomers,
} from './simulateBgnbd.ts';
export { simulateGammaGamma } from './simulateGammaGamma.ts';
export { seededRandom, type Random } from './seededRandom.ts';
export { logGamma } from './logGamma.ts';
export { digamma } from './digamma.ts';
export { hyp2f1, logHyp2f1, type LogHyp2f1 } from './hyp2f1.ts';
export {
  minimizeBfgs,
  type MinimizeOptions,
  type MinimizeResult,
  type Objective,
} from './minimize.ts';
export { standardErrors } from './standardErrors.ts';
export * from './signals/index.ts';
export { CHURN_MODEL_FITTED, type ChurnModel, type ChurnModelSource } from './churnModel.ts';
export {
  ChurnFitError,
  fitChurnModel,
  type ChurnFit,
  type FitChurnModelOptions,
} from './fitChurnModel.ts';
export * from './warning/index.ts';
