export {
  customerKey,
  customerStreamId,
  parseCustomerStreamId,
  PROJECT_ID_PATTERN,
} from './customerKey.ts';
export {
  touchpointEvent,
  type TouchpointEvent,
  type TouchpointEventInput,
} from './touchpointEvent.ts';
export {
  timelineRow,
  toClickHouseTime,
  type TimelineRow,
  type LoggedEvent,
} from './timelineRow.ts';
export * from './churn/index.ts';
export { byJourneyOrder, type JourneyEvent } from './journeyEvent.ts';
export {
  DEFAULT_PROJECT_SETTINGS,
  effectiveSettings,
  isSettingsKind,
  mergeSettingsKind,
  SETTINGS_KINDS,
  type ProjectSettings,
  type SavedSettings,
  type SettingsKind,
} from './projectSettings.ts';
export * from './identity/index.ts';
export * from './service/index.ts';
export * from './lifecycle/index.ts';
export * from './profile/index.ts';
export { customerState, type CustomerState, type CustomerStateOptions } from './customerState.ts';
export { derivedFacts, SLA_BREACHED, warningFactData, type DerivedFact } from './derivedFacts.ts';
export {
  customerStateRows,
  worklistSegment,
  type ChurnWorklistRow,
  type CustomerProfileRow,
  type ServiceCaseRow,
} from './customerStateRows.ts';
