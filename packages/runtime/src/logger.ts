import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout. Never log secrets: connection strings are redacted. */
export function createLogger(level: string, name = 'touchline'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: ['*.password', '*.connectionString', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  });
}
