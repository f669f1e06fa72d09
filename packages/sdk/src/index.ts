export {
  touchline,
  type TouchlineClient,
  type TouchlineOptions,
  type SettingsPatches,
} from './touchline.ts';
export { TouchlineError } from './touchlineError.ts';
export { retryAfterSeconds, type RequestOptions } from './request.ts';
export type * from './types.ts';
