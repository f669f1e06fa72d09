import { parseArgs } from 'node:util';
import { ConfigError, createLogger, loadConfig } from '@touchline/runtime';
import { demoJourneys } from './demoJourneys.ts';
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

  if (values.demo && config.services.includes('ingest')) {
    const journeys = demoJourneys(new Date());
    let accepted = 0;
    for (const touchpoint of journeys) {
      const response = await fetch(`${platform.url}/v1/touchpoints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(touchpoint),
      });
      if (response.ok) accepted++;
      else
        logger.warn(
          { status: response.status, body: await response.text() },
          'demo touchpoint rejected',
        );
    }
    logger.info({ accepted, total: journeys.length }, 'demo journeys loaded');
  }
  process.stdout.write(
    `\nTouchline is running at ${platform.url}\n` +
      `  POST ${platform.url}/v1/touchpoints\n` +
      `  GET  ${platform.url}/v1/customers/demo-customer-002/timeline\n` +
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
