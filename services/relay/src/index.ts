export { createRelay, type RelayOptions, type Relay, type RelayStatus } from './relay.ts';
export { measureLag, type RelayLag } from './relayLag.ts';
export { getLease, LeaseLostError, type Lease } from './relayLease.ts';
export { migrateRelay } from './relaySchema.ts';
