import { z } from 'zod';
import type { CatalogueEntry } from './catalogueEntry.ts';
import { campaigns } from './campaigns.ts';
import { commerce } from './commerce.ts';
import { consent } from './consent.ts';
import { feedback } from './feedback.ts';
import { fieldService } from './fieldService.ts';
import { loyalty } from './loyalty.ts';
import { referral } from './referral.ts';
import { serviceCases } from './serviceCases.ts';
import { web } from './web.ts';

/**
 * The typed touchpoints (digest §1.3): dotted type name → what it means and the schema of its
 * `data`. The zod schemas are the single source; `catalogueJsonSchemas()` derives the JSON Schemas.
 */
export const TOUCHPOINT_CATALOGUE = Object.freeze({
  ...web,
  ...commerce,
  ...serviceCases,
  ...feedback,
  ...fieldService,
  ...consent,
  ...loyalty,
  ...referral,
  ...campaigns,
}) satisfies Readonly<Record<string, CatalogueEntry>>;

export type CatalogueType = keyof typeof TOUCHPOINT_CATALOGUE;

export const CATALOGUE_TYPES: readonly CatalogueType[] = Object.freeze(
  Object.keys(TOUCHPOINT_CATALOGUE) as CatalogueType[],
);

export function isCatalogueType(type: string): type is CatalogueType {
  return Object.hasOwn(TOUCHPOINT_CATALOGUE, type);
}

export interface CatalogueJsonSchema {
  readonly type: CatalogueType;
  readonly description: string;
  readonly version: 1;
  /** JSON Schema (draft 2020-12) of the touchpoint's `data` object. */
  readonly schema: Record<string, unknown>;
}

/** One JSON Schema per catalogue type, for its `data` object, in catalogue order. */
export function catalogueJsonSchemas(): CatalogueJsonSchema[] {
  return CATALOGUE_TYPES.map((type) => {
    const { description, version, data } = TOUCHPOINT_CATALOGUE[type];
    const schema = z.toJSONSchema(data, { io: 'input' }) as Record<string, unknown>;
    return { type, description, version, schema: { ...schema, title: type, description } };
  });
}
