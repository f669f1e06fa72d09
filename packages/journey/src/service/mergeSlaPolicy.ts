import { CASE_KINDS, CASE_PRIORITIES } from '@touchline/contracts';
import {
  DEFAULT_SLA_POLICY,
  isCaseKind,
  isCasePriority,
  type CaseKind,
  type CasePriority,
  type SlaPolicy,
  type SlaTargets,
} from './slaPolicy.ts';

/** A partial policy: the default priority, and any target of any case kind and priority. */
export interface SlaPolicyPatch {
  defaultPriority?: CasePriority;
  targets?: { [K in CaseKind]?: { [P in CasePriority]?: Partial<SlaTargets> } };
}

const TARGET_FIELDS = ['firstResponseHours', 'resolutionHours'] as const;

/** A value for error messages: numbers as written (NaN, Infinity), the rest as JSON. */
const show = (value: unknown): string =>
  typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? typeof value);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Overlays `partial` on `base` (default `DEFAULT_SLA_POLICY`), target by target. Throws a
 * RangeError naming the field (e.g. `targets.complaint.high.firstResponseHours`) when a kind,
 * priority or field is unknown, or a target is neither `null` nor a finite number of hours > 0.
 * The admin API checks the shape first with `slaPolicyPatchSchema` (@touchline/contracts); this
 * check also guards configs that did not come through it.
 */
export function mergeSlaPolicy(
  partial: SlaPolicyPatch = {},
  base: SlaPolicy = DEFAULT_SLA_POLICY,
): SlaPolicy {
  const patch: unknown = partial;
  if (!isRecord(patch)) throw new RangeError('sla policy must be an object');
  for (const key of Object.keys(patch)) {
    if (key !== 'defaultPriority' && key !== 'targets') {
      throw new RangeError(`sla policy ${key} is not a policy field`);
    }
  }
  const defaultPriority = patch['defaultPriority'] ?? base.defaultPriority;
  if (!isCasePriority(defaultPriority)) {
    throw new RangeError(
      `sla policy defaultPriority must be one of ${CASE_PRIORITIES.join(', ')}: ${show(defaultPriority)}`,
    );
  }
  const patchTargets = patch['targets'] ?? {};
  if (!isRecord(patchTargets)) throw new RangeError('sla policy targets must be an object');
  for (const kind of Object.keys(patchTargets)) {
    if (!isCaseKind(kind)) {
      throw new RangeError(
        `sla policy targets.${kind} is not a case kind (${CASE_KINDS.join(', ')})`,
      );
    }
  }

  const targets = {} as Record<CaseKind, Record<CasePriority, SlaTargets>>;
  for (const kind of CASE_KINDS) {
    const kindPatch = patchTargets[kind] ?? {};
    if (!isRecord(kindPatch)) throw new RangeError(`sla policy targets.${kind} must be an object`);
    for (const priority of Object.keys(kindPatch)) {
      if (!isCasePriority(priority)) {
        throw new RangeError(
          `sla policy targets.${kind}.${priority} is not a priority (${CASE_PRIORITIES.join(', ')})`,
        );
      }
    }
    const row = {} as Record<CasePriority, SlaTargets>;
    for (const priority of CASE_PRIORITIES) {
      const path = `targets.${kind}.${priority}`;
      const entry = kindPatch[priority] ?? {};
      if (!isRecord(entry)) throw new RangeError(`sla policy ${path} must be an object`);
      for (const field of Object.keys(entry)) {
        if (!(TARGET_FIELDS as readonly string[]).includes(field)) {
          throw new RangeError(`sla policy ${path}.${field} is not a target field`);
        }
      }
      const merged = { ...base.targets[kind][priority], ...entry };
      for (const field of TARGET_FIELDS) {
        const value = merged[field];
        if (
          value !== null &&
          (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
        ) {
          throw new RangeError(
            `sla policy ${path}.${field} must be a positive number of hours or null: ${show(value)}`,
          );
        }
      }
      row[priority] = {
        firstResponseHours: merged.firstResponseHours,
        resolutionHours: merged.resolutionHours,
      };
    }
    targets[kind] = row;
  }
  return { defaultPriority, targets };
}
