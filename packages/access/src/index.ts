export { generateApiKey, parseApiKey, hashSecret, type KeyKind, type ParsedKey } from './apiKey.ts';
export { tokenBuckets, type RateDecision } from './rateLimiter.ts';
export { migrateAccess } from './accessSchema.ts';
export {
  getAccessStore,
  PROJECT_ID,
  type AccessStore,
  type ApiKeyInfo,
  type IssuedKey,
  type Project,
  type VerifiedKey,
} from './accessStore.ts';
export { bootstrapAccess } from './bootstrapAccess.ts';
export {
  getSettingsStore,
  SettingsVersionConflict,
  type SettingsStore,
  type SettingsVersion,
} from './settingsStore.ts';
