/** A customer fact as the churn rules need it: a touchpoint of one customer. */
export interface CustomerFact {
  id: string;
  /** Catalogue type, e.g. `order.placed`, `case.opened`, `survey.answered`. */
  type: string;
  occurredAt: Date;
  data: Record<string, unknown>;
}

export type ChurnSignalId =
  | 'silence'
  | 'frequencyDrop'
  | 'npsDetractor'
  | 'lowCsat'
  | 'complaintPastSla'
  | 'repeatedContacts'
  | 'planDowngrade';

/** One fired rule: what it saw, why it fired and which facts prove it. */
export interface ChurnSignal {
  signal: ChurnSignalId;
  /** Contribution in [0, 1]; combined as 1 − Π(1 − weight). */
  weight: number;
  evidenceEventIds: string[];
  /** Plain English, with the numbers that made the rule fire. */
  explanation: string;
  observed: Record<string, number | string>;
}
