export { createRelay, type RelayOptions } from './relay.ts';
