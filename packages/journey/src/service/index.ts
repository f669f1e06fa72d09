export {
  DEFAULT_SLA_POLICY,
  isCaseKind,
  isCasePriority,
  type CaseKind,
  type CasePriority,
  type SlaPolicy,
  type SlaTargets,
} from './slaPolicy.ts';
export { mergeSlaPolicy, type SlaPolicyPatch } from './mergeSlaPolicy.ts';
export { slaBreachKey, type SlaBreach, type SlaMilestone } from './slaBreach.ts';
export {
  serviceCases,
  type ResolutionCycle,
  type ServiceCase,
  type ServiceCasesResult,
} from './serviceCases.ts';
export { npsCategory, surveyAnswer, type NpsCategory, type SurveyAnswer } from './surveyAnswer.ts';
export { feedbackSummary, type FeedbackSummary } from './feedbackSummary.ts';
