import type { CustomerFact } from './churnSignal.ts';

/** The latest `survey.answered` of a kind among chronologically ordered facts, with its score. */
export function latestSurveyAnswer(
  facts: readonly CustomerFact[],
  kind: 'csat' | 'nps',
): { fact: CustomerFact; score: number } | undefined {
  for (let i = facts.length - 1; i >= 0; i--) {
    const fact = facts[i];
    if (fact === undefined || fact.type !== 'survey.answered' || fact.data['kind'] !== kind) {
      continue;
    }
    const score = fact.data['score'];
    if (typeof score === 'number' && Number.isFinite(score)) return { fact, score };
  }
  return undefined;
}
