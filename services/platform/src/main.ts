import { parseArgs } from 'node:util';
import { DirLockedError } from '@touchline/dir-lock';
import { ConfigError, createLogger, loadConfig } from '@touchline/runtime';
import { loadDemoCommand } from './loadDemoCommand.ts';
import { readBootstrapKeys } from './readBootstrapKeys.ts';
import { rebuildCommand } from './rebuildCommand.ts';
import { startPlatform } from './startPlatform.ts';

const HELP = `touchline — event-sourced customer-journey platform

Usage: pnpm start [--demo [--demo-customers N]]   (or: node services/platform/src/main.ts …)
       pnpm touchline rebuild [--projection <name>]…

  --demo          generate demo journeys (orders, service cases, surveys, campaigns, churners)
                  and load them through the ingest API after start, with progress
  --demo-customers how many demo customers (default 3000, about 110k events)
  rebuild         drop read models and rebuild them from the event store, with progress;
                  stop the platform's projector first. Without --projection: all of them.
  --projection    timeline | identity | customer_state (later ones in that order are
                  rebuilt too, as they are computed from earlier ones)
  --help          show this help

Engines follow the environment (see README "Configuration"):
  DATABASE_URL   PostgreSQL event store      (default: PGlite in $TL_DATA_DIR/store)
  KAFKA_BROKERS  Kafka relay + consumers      (default: projectors tail the store log)
  CLICKHOUSE_URL ClickHouse server            (default: chdb in $TL_DATA_DIR/warehouse)
  TL_SERVICES    ingest,relay,projector,insights (default: all that apply)
  TL_HTTP_PORT   HTTP port (default 8080)     TL_DATA_DIR (default .data)
`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      demo: { type: 'boolean' },
      'demo-customers': { type: 'string' },
      help: { type: 'boolean' },
      projection: { type: 'string', multiple: true },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const command = positionals[0] ?? 'start';
  if (!['start', 'rebuild'].includes(command) || positionals.length > 1) {
    process.stderr.write(`Unknown command "${positionals.join(' ')}"\n\n${HELP}`);
    process.exit(2);
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (command === 'rebuild') {
    const tty = process.stderr.isTTY;
    const result = await rebuildCommand(config, logger, values.projection ?? [], (line, final) => {
      if (tty) process.stderr.write(`\r\x1b[K${line}${final ? '\n' : ''}`);
      else process.stderr.write(`${line}\n`);
    });
    process.stdout.write(
      `Rebuilt ${result.projections.join(', ')}: ${result.events} events replayed in ` +
        `${(result.elapsedMs / 1000).toFixed(1)} s.` +
        (result.checkpointMoved ? ' The projector resumes after them.' : '') +
        '\n',
    );
    return;
  }
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
      await loadDemoCommand(platform.url, keys.write, values['demo-customers'], logger);
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
  if (error instanceof DirLockedError) {
    process.stderr.write(
      `${error.message}\nStop the running platform (or its projector) first, then run the command again.\n`,
    );
    process.exit(3);
  }
  if (error instanceof RangeError && /Unknown projection/.test(error.message)) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `touchline failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
