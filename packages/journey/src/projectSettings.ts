import { DEFAULT_CHURN_RULES, type ChurnRuleConfig } from './churn/signals/churnRuleConfig.ts';
import { mergeChurnRules } from './churn/signals/mergeChurnRules.ts';
import { DEFAULT_LIFECYCLE_RULES, type LifecycleRules } from './lifecycle/lifecycleRules.ts';
import { mergeLifecycleRules } from './lifecycle/mergeLifecycleRules.ts';
import {
  DEFAULT_PROFILE_RULES,
  mergeProfileRules,
  type ProfileRules,
} from './profile/profileRules.ts';
import { mergeSlaPolicy } from './service/mergeSlaPolicy.ts';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from './service/slaPolicy.ts';

export const SETTINGS_KINDS = ['lifecycle', 'sla', 'profile', 'churn'] as const;
export type SettingsKind = (typeof SETTINGS_KINDS)[number];

/** The rules one project runs with: saved overrides on top of the documented defaults. */
export interface ProjectSettings {
  readonly lifecycle: LifecycleRules;
  readonly sla: SlaPolicy;
  readonly profile: ProfileRules;
  readonly churn: ChurnRuleConfig;
  /** Saved version per kind (0 = defaults only); derived state names the versions it used. */
  readonly versions: Readonly<Record<SettingsKind, number>>;
}

export const DEFAULT_PROJECT_SETTINGS: ProjectSettings = {
  lifecycle: DEFAULT_LIFECYCLE_RULES,
  sla: DEFAULT_SLA_POLICY,
  profile: DEFAULT_PROFILE_RULES,
  churn: DEFAULT_CHURN_RULES,
  versions: { lifecycle: 0, sla: 0, profile: 0, churn: 0 },
};

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
 * field) when a value is out of range; callers check the shape first.
 */
export function mergeSettingsKind(
  kind: SettingsKind,
  overrides: Record<string, unknown>,
): LifecycleRules | SlaPolicy | ProfileRules | ChurnRuleConfig {
  switch (kind) {
    case 'lifecycle':
      return mergeLifecycleRules(overrides);
    case 'sla':
      return mergeSlaPolicy(overrides);
    case 'profile':
      return mergeProfileRules(overrides);
    case 'churn':
      return mergeChurnRules(overrides);
  }
}

/** The effective settings of a project from its saved overrides (defaults where none). Pure. */
export function effectiveSettings(saved: readonly SavedSettings[]): ProjectSettings {
  const of = (kind: SettingsKind) => saved.find((s) => s.kind === kind);
  const merged = <T>(kind: SettingsKind, fallback: T): T => {
    const found = of(kind);
    return found ? (mergeSettingsKind(kind, found.config) as T) : fallback;
  };
  return {
    lifecycle: merged('lifecycle', DEFAULT_LIFECYCLE_RULES),
    sla: merged('sla', DEFAULT_SLA_POLICY),
    profile: merged('profile', DEFAULT_PROFILE_RULES),
    churn: merged('churn', DEFAULT_CHURN_RULES),
    versions: {
      lifecycle: of('lifecycle')?.version ?? 0,
      sla: of('sla')?.version ?? 0,
      profile: of('profile')?.version ?? 0,
      churn: of('churn')?.version ?? 0,
    },
  };
}
