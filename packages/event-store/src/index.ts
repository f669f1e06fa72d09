export type { Checkpoint } from './checkpoint.ts';
export { START, toCheckpoint, parseCheckpoint } from './checkpoint.ts';
export type {
  AppendOptions,
  AppendManyRequest,
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  StoredEvent,
  StreamInfo,
  EraseResult,
} from './eventStore.ts';
export { STREAM_ERASED, deterministicUuid } from './eraseStream.ts';
export { groupCommitter, type GroupCommitOptions } from './groupCommitter.ts';
export { ConcurrencyError, DuplicateEventConflictError } from './errors.ts';
export type { CheckpointStore } from './checkpointStore.ts';
export { getPostgresCheckpointStore } from './checkpointStore.ts';
export type { SqlExecutor, SqlQueryable } from './sqlExecutor.ts';
export { openPgliteExecutor } from './pgliteExecutor.ts';
export { openPostgresExecutor } from './postgresExecutor.ts';
export { getPostgresEventStore } from './postgresEventStore.ts';
export { migrateEventStore, MIGRATIONS } from './schema.ts';
export { openEventStore, type EventStoreTarget, type OpenedEventStore } from './openEventStore.ts';
export { applySqlMigrations, type SqlMigration } from './applySqlMigrations.ts';
export { validateAppend, validateAppendMany } from './validateAppend.ts';
export { sameJson } from './sameJson.ts';
