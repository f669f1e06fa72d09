import { parseArgs } from 'node:util';
import { ConfigError, createLogger, loadConfig } from '@touchline/runtime';
import { demoJourneys } from './demoJourneys.ts';
import { readBootstrapKeys } from './readBootstrapKeys.ts';
import { startPlatform } from './startPlatform.ts';

const HELP = `touchline — event-sourced customer-journey platform

Usage: pnpm start [--demo]        (or: node services/platform/src/main.ts [--demo])

  --demo    load a dozen demo customer journeys through the ingest API after start
  --help    show this help

Engines follow the environment (see README "Configuration"):
  DATABASE_URL   PostgreSQL event store      (default: PGlite in $TL_DATA_DIR/store)
  KAFKA_BROKERS  Kafka relay + consumers      (default: projectors tail the store log)
  CLICKHOUSE_URL ClickHouse server            (default: chdb in $TL_DATA_DIR/warehouse)
  TL_SERVICES    ingest,relay,projector,insights (default: all that apply)
  TL_HTTP_PORT   HTTP port (default 8080)     TL_DATA_DIR (default .data)
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { demo: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const platform = await startPlatform(config, logger);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    platform.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  const keys = platform.bootstrapKeys
    ? Object.fromEntries(platform.bootstrapKeys.map((key) => [key.kind, key.token]))
    : readBootstrapKeys(config.dataDir);
  if (values.demo && config.services.includes('ingest')) {
    if (!keys?.write) {
      logger.warn(
        '--demo needs the bootstrap write key (bootstrap-keys.json in TL_DATA_DIR); skipped',
      );
    } else {
      const journeys = demoJourneys(new Date());
      const response = await fetch(`${platform.url}/v1/touchpoints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.write}` },
        body: JSON.stringify({ batch: journeys }),
      });
      const answer = (await response.json()) as {
        accepted?: number;
        duplicates?: number;
        rejected?: number;
      };
      logger.info(
        { status: response.status, ...answer, results: undefined },
        'demo journeys loaded',
      );
    }
  }
  const write = keys?.write ?? '<write key>';
  const read = keys?.read ?? '<read key>';
  process.stdout.write(
    `\nTouchline is running at ${platform.url}\n` +
      (platform.bootstrapKeys
        ? `\nFirst start: project "${config.auth.bootstrapProject}" was created. Its keys (shown once, also in ` +
          `${config.dataDir}/bootstrap-keys.json):\n` +
          platform.bootstrapKeys.map((key) => `  ${key.kind.padEnd(5)} ${key.token}`).join('\n') +
          '\n'
        : '') +
      `\nTry:\n` +
      `  curl -s -X POST ${platform.url}/v1/touchpoints -H 'authorization: Bearer ${write}' -H 'content-type: application/json' \\\n` +
      `    -d '{"type":"page.viewed","channel":"web","userId":"c-1","data":{"path":"/"}}'\n` +
      `  curl -s ${platform.url}/v1/customers/${values.demo ? 'demo-customer-002' : 'c-1'}/timeline -H 'authorization: Bearer ${read}'\n` +
      `Press Ctrl+C to stop.\n\n`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `touchline failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
