import { ApiError, churnRulesPatchSchema, parseOrThrow } from '@touchline/contracts';
import { DEFAULT_PROJECT_SETTINGS, mergeSettingsKind, type SettingsKind } from '@touchline/journey';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first key of `patch` (depth-first, as a dotted path) that `template` does not have. */
function unknownKey(
  patch: Record<string, unknown>,
  template: unknown,
  prefix = '',
): string | undefined {
  for (const [key, value] of Object.entries(patch)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (!isRecord(template) || !(key in template)) return path;
    const inner = template[key];
    if (isRecord(inner) && isRecord(value)) {
      const found = unknownKey(value, inner, path);
      if (found) return found;
    }
  }
  return undefined;
}

/** The first dotted path in an error message that names a field of `template` (else undefined). */
function fieldIn(message: string, template: unknown): string | undefined {
  for (const [token] of message.matchAll(/[A-Za-z_]+(?:\.[A-Za-z_]+)*/g)) {
    let node: unknown = template;
    const parts = token.split('.');
    for (const part of parts) node = isRecord(node) && part in node ? node[part] : undefined;
    if (node !== undefined && (parts.length > 1 || isRecord(template))) return token;
  }
  return undefined;
}

/**
 * Checks a settings body for one kind and returns it with the effective settings it gives:
 * unknown fields (a typo would silently keep a default) and out-of-range values are a 400
 * TL_INVALID_FIELD naming the field, e.g. `growing.minOrders`.
 */
export function parseSettingsPatch(
  kind: SettingsKind,
  body: unknown,
): { overrides: Record<string, unknown>; effective: unknown } {
  if (!isRecord(body))
    throw new ApiError('TL_INVALID_FIELD', 'The settings body must be a JSON object', {
      field: '(body)',
    });
  const template = DEFAULT_PROJECT_SETTINGS[kind];
  const overrides = kind === 'churn' ? parseOrThrow(churnRulesPatchSchema, body) : body;
  const unknown = unknownKey(overrides, template);
  if (unknown)
    throw new ApiError('TL_INVALID_FIELD', `${unknown}: unknown ${kind} setting`, {
      field: unknown,
    });
  try {
    return { overrides, effective: mergeSettingsKind(kind, overrides) };
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError) {
      throw new ApiError('TL_INVALID_FIELD', error.message, {
        field: fieldIn(error.message, template) ?? kind,
      });
    }
    throw error;
  }
}
