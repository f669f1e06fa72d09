export {
  churnAssessment,
  type ChurnAssessment,
  type ChurnReason,
  type ChurnReasonId,
} from './churnAssessment.ts';
export { churnWarning, type ChurnWarning, type ChurnWarningEpisode } from './churnWarning.ts';
export { churnWarningKey } from './churnWarningKey.ts';
export { churnRelevantFacts, warningInstants } from './warningInstants.ts';
export {
  modelInputs,
  modelOutlook,
  pAliveFallsTo,
  type ModelInputs,
  type ModelOutlook,
} from './modelOutlook.ts';
