export { loadConfig, ConfigError, type Config, type ServiceName } from './config.ts';
export { createLogger, type Logger } from './logger.ts';
export { toHttpError } from './httpErrorHandler.ts';
export { httpApp } from './httpApp.ts';
export {
  createAuthenticator,
  presentedKey,
  scopeToProject,
  type Authenticate,
  type AuthContext,
  type AuthenticatorOptions,
} from './authenticate.ts';
