import { z } from 'zod';

const csv = z.string().transform((value) =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean),
);

const SERVICES = ['ingest', 'relay', 'projector', 'insights', 'admin'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Every environment variable the platform reads, validated once. The only reader of process.env. */
const envSchema = z.object({
  TL_HTTP_HOST: z.string().default('127.0.0.1'),
  TL_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  TL_DATA_DIR: z.string().min(1).default('.data'),
  TL_SERVICES: csv.pipe(z.array(z.enum(SERVICES)).min(1)).optional(),
  TL_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  TL_SOURCE: z.string().default('touchline'),
  TL_ROOT_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  TL_RATE_LIMIT_WRITE: z.coerce.number().int().min(1).default(5_000),
  TL_RATE_LIMIT_READ: z.coerce.number().int().min(1).default(500),
  TL_RATE_LIMIT_ADMIN: z.coerce.number().int().min(1).default(50),
  TL_BOOTSTRAP_PROJECT: z
    .string()
    .regex(/^[a-z0-9_]{1,64}$/)
    .default('default'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  KAFKA_BROKERS: csv
    .pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'host:port')).min(1))
    .optional(),
  KAFKA_CLIENT_ID: z.string().default('touchline'),
  KAFKA_TOPIC: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,249}$/)
    .default('journey.touchpoints.v1'),
  KAFKA_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(6),
  KAFKA_GROUP_ID: z.string().min(1).default('touchline-projector-timeline'),
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
  TL_REVIEW_INTERVAL_MS: z.coerce.number().int().min(100).max(86_400_000).default(60_000),
  TL_SETTINGS_CACHE_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  TL_REFIT_INTERVAL_MS: z.coerce.number().int().min(0).max(2_147_483_647).default(86_400_000),
  TL_RELAY_LEASE_TTL_MS: z.coerce.number().int().min(1_000).max(600_000).default(10_000),
  CLICKHOUSE_URL: z.url({ protocol: /^https?$/ }).optional(),
  CLICKHOUSE_USER: z.string().default('default'),
  CLICKHOUSE_PASSWORD: z.string().default(''),
  CLICKHOUSE_DATABASE: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/)
    .default('touchline'),
});

export interface Config {
  readonly http: { readonly host: string; readonly port: number };
  readonly dataDir: string;
  readonly services: readonly ServiceName[];
  readonly logLevel: string;
  readonly source: string;
  readonly auth: {
    readonly rootToken?: string;
    readonly rateLimits: { readonly write: number; readonly read: number; readonly admin: number };
    /** Project created with a key of each kind when the store has no project yet. */
    readonly bootstrapProject: string;
  };
  readonly store:
    | { readonly kind: 'pglite'; readonly dataDir: string }
    | {
        readonly kind: 'postgres';
        readonly connectionString: string;
        readonly maxConnections: number;
      };
  readonly projector: {
    /** How often customers whose time-based rules come due are re-evaluated (stage, SLA). */
    readonly reviewIntervalMs: number;
    /** How long the projector caches a project's settings: changes apply within this time. */
    readonly settingsCacheMs: number;
    /** How often every project with orders gets its churn model refitted (0: only on demand). */
    readonly refitIntervalMs: number;
  };
  readonly kafka?: {
    readonly brokers: readonly string[];
    readonly clientId: string;
    readonly topic: string;
    readonly partitions: number;
    readonly groupId: string;
    /** Consumer group session timeout: how long the group waits for a member that died. */
    readonly sessionTimeoutMs: number;
    /** Lease time to live of the active relay: a standby takes over this long after it died. */
    readonly relayLeaseTtlMs: number;
  };
  readonly warehouse:
    | { readonly kind: 'chdb'; readonly dataDir: string; readonly database: string }
    | {
        readonly kind: 'server';
        readonly url: string;
        readonly username: string;
        readonly password: string;
        readonly database: string;
      };
}

export class ConfigError extends Error {
  readonly code = 'TL_INVALID_CONFIG';
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/**
 * Reads the environment. Engines follow from what is configured: DATABASE_URL → PostgreSQL
 * (else PGlite under TL_DATA_DIR), KAFKA_BROKERS → Kafka (else the store log in-process),
 * CLICKHOUSE_URL → ClickHouse server (else chdb under TL_DATA_DIR).
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const kafka = e.KAFKA_BROKERS
    ? {
        brokers: e.KAFKA_BROKERS,
        clientId: e.KAFKA_CLIENT_ID,
        topic: e.KAFKA_TOPIC,
        partitions: e.KAFKA_PARTITIONS,
        groupId: e.KAFKA_GROUP_ID,
        sessionTimeoutMs: e.KAFKA_SESSION_TIMEOUT_MS,
        relayLeaseTtlMs: e.TL_RELAY_LEASE_TTL_MS,
      }
    : undefined;
  const services = e.TL_SERVICES ?? (kafka ? SERVICES : SERVICES.filter((s) => s !== 'relay'));
  if (services.includes('relay') && !kafka) {
    throw new ConfigError([
      'TL_SERVICES: relay needs KAFKA_BROKERS (without Kafka, projectors tail the store log directly)',
    ]);
  }
  return {
    http: { host: e.TL_HTTP_HOST, port: e.TL_HTTP_PORT },
    dataDir: e.TL_DATA_DIR,
    services,
    logLevel: e.TL_LOG_LEVEL,
    source: e.TL_SOURCE,
    auth: {
      ...(e.TL_ROOT_TOKEN ? { rootToken: e.TL_ROOT_TOKEN } : {}),
      rateLimits: {
        write: e.TL_RATE_LIMIT_WRITE,
        read: e.TL_RATE_LIMIT_READ,
        admin: e.TL_RATE_LIMIT_ADMIN,
      },
      bootstrapProject: e.TL_BOOTSTRAP_PROJECT,
    },
    store: e.DATABASE_URL
      ? { kind: 'postgres', connectionString: e.DATABASE_URL, maxConnections: e.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: `${e.TL_DATA_DIR}/store` },
    projector: {
      reviewIntervalMs: e.TL_REVIEW_INTERVAL_MS,
      settingsCacheMs: e.TL_SETTINGS_CACHE_MS,
      refitIntervalMs: e.TL_REFIT_INTERVAL_MS,
    },
    ...(kafka ? { kafka } : {}),
    warehouse: e.CLICKHOUSE_URL
      ? {
          kind: 'server',
          url: e.CLICKHOUSE_URL,
          username: e.CLICKHOUSE_USER,
          password: e.CLICKHOUSE_PASSWORD,
          database: e.CLICKHOUSE_DATABASE,
        }
      : { kind: 'chdb', dataDir: `${e.TL_DATA_DIR}/warehouse`, database: e.CLICKHOUSE_DATABASE },
  };
}
