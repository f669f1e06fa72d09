export { ingestRoutes, type IngestOptions, type TouchpointAccepted } from './ingestRoutes.ts';
