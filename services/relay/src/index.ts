export { createRelay, type RelayOptions, type Relay } from './relay.ts';
