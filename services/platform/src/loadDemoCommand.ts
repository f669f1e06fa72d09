import { DemoLoadError, loadDemo, progressBar } from '@touchline/demo';
import type { Logger } from '@touchline/runtime';

/** Demo customers `pnpm start --demo` generates by default (about 110k events, ~15 s on a laptop). */
export const DEFAULT_DEMO_CUSTOMERS = 3000;

/**
 * `--demo`: generates the demo journeys and loads them through the platform's own API with the
 * write key, showing progress on stderr. The demo ends at today's UTC midnight, so starting again
 * the same day re-sends the same event ids and stores nothing twice. A refused batch is logged
 * with the API's code and field; the platform keeps running.
 */
export async function loadDemoCommand(
  baseUrl: string,
  writeKey: string,
  customersOption: string | undefined,
  logger: Logger,
): Promise<void> {
  const customers =
    customersOption === undefined ? DEFAULT_DEMO_CUSTOMERS : Number(customersOption);
  if (!Number.isInteger(customers) || customers < 1 || customers > 1_000_000) {
    logger.error(
      { value: customersOption },
      '--demo-customers must be a whole number from 1 to 1000000; demo skipped',
    );
    return;
  }
  const until = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
  try {
    const result = await loadDemo({
      baseUrl,
      writeKey,
      customers,
      seed: 1,
      until,
      onProgress: progressBar(process.stderr),
    });
    logger.info(
      { ...result, seconds: Math.round(result.elapsedMs / 100) / 10, elapsedMs: undefined },
      'demo journeys loaded',
    );
  } catch (error) {
    if (error instanceof DemoLoadError) {
      logger.error({ code: error.code, field: error.field }, error.message);
      return;
    }
    throw error;
  }
}
