export type EngineName = 'postgres' | 'kafka' | 'clickhouse-server' | 'eventstoredb';

export type Availability<T> =
  | { readonly available: true; readonly value: T; readonly source: string }
  | { readonly available: false; readonly reason: string };

/**
 * Engines whose absence fails the run instead of skipping. `TL_REQUIRE_ENGINES` lists them
 * (comma-separated); under CI it defaults to postgres and kafka, because .ci/run provisions both.
 */
export function requiredEngines(): Set<string> {
  const explicit = process.env.TL_REQUIRE_ENGINES;
  if (explicit !== undefined)
    return new Set(
      explicit
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
  return new Set(process.env.CI === 'true' ? ['postgres', 'kafka'] : []);
}

/** Turns "not available" into a printed skip reason, or a failure where the engine is required. */
export function reportAvailability<T>(
  engine: EngineName,
  availability: Availability<T>,
): Availability<T> {
  if (availability.available) return availability;
  const message = `[touchline:testing] ${engine} suites skipped: ${availability.reason}`;
  if (requiredEngines().has(engine)) {
    throw new Error(`${message} — but ${engine} is required here (TL_REQUIRE_ENGINES / CI)`);
  }
  console.warn(message);
  return availability;
}

export async function dockerReachable(): Promise<boolean> {
  if (process.env.TL_TEST_NO_DOCKER === '1') return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}
