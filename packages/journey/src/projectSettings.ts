import { DEFAULT_CHURN_RULES, type ChurnRuleConfig } from './churn/signals/churnRuleConfig.ts';
import { mergeChurnRules, type ChurnRulePatch } from './churn/signals/mergeChurnRules.ts';

/** The rules one project runs with: saved overrides on top of the documented defaults. */
export interface ProjectSettings {
  readonly churn: ChurnRuleConfig;
  /** Saved version per kind (0 = defaults only); derived facts name the versions they used. */
  readonly versions: Readonly<Record<SettingsKind, number>>;
}

export const SETTINGS_KINDS = ['churn'] as const;
export type SettingsKind = (typeof SETTINGS_KINDS)[number];

export const isSettingsKind = (kind: string): kind is SettingsKind =>
  (SETTINGS_KINDS as readonly string[]).includes(kind);

/** What a settings store returns: the latest saved overrides per kind. */
export interface SavedSettings {
  readonly kind: string;
  readonly version: number;
  readonly config: Record<string, unknown>;
}

/**
 * Overlays one kind's saved overrides on its defaults. Throws (RangeError/TypeError, naming the
 * field) when the result is out of range; callers validate the shape first.
 */
export function mergeSettingsKind(kind: SettingsKind, overrides: Record<string, unknown>) {
  switch (kind) {
    case 'churn':
      return mergeChurnRules(overrides as ChurnRulePatch);
  }
}

/** The effective settings of a project from its saved overrides (defaults where none). Pure. */
export function effectiveSettings(saved: readonly SavedSettings[]): ProjectSettings {
  const of = (kind: SettingsKind) => saved.find((s) => s.kind === kind);
  const churn = of('churn');
  return {
    churn: churn ? mergeChurnRules(churn.config as ChurnRulePatch) : DEFAULT_CHURN_RULES,
    versions: { churn: churn?.version ?? 0 },
  };
}
