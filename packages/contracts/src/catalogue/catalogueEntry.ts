import type { z } from 'zod';

/** One touchpoint type of the catalogue: what it means and the schema of its `data`. */
export interface CatalogueEntry {
  readonly description: string;
  readonly version: 1;
  readonly data: z.ZodType<Record<string, unknown>, Record<string, unknown>>;
}

export function catalogueEntry(description: string, data: CatalogueEntry['data']): CatalogueEntry {
  return { description, version: 1, data };
}
