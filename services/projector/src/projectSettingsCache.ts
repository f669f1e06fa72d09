import { effectiveSettings, type ProjectSettings, type SavedSettings } from '@touchline/journey';

/** The part of the settings store the projector reads. */
export interface SettingsSource {
  current(projectId: string): Promise<readonly SavedSettings[]>;
}

/**
 * A project's effective settings, read through a cache: a change made with the admin API takes
 * effect in the projector within `ttlMs` (default 10 s). Without a source, every project runs on
 * the documented defaults.
 */
export function projectSettingsCache(
  source: SettingsSource | undefined,
  options: { ttlMs?: number; now?: () => number } = {},
): (projectId: string) => Promise<ProjectSettings> {
  const ttlMs = options.ttlMs ?? 10_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { settings: ProjectSettings; until: number }>();
  return async (projectId) => {
    const hit = cache.get(projectId);
    if (hit && hit.until > now()) return hit.settings;
    const settings = effectiveSettings(source ? await source.current(projectId) : []);
    cache.set(projectId, { settings, until: now() + ttlMs });
    return settings;
  };
}
