import { randomUUID } from 'node:crypto';
import { DuplicateEventConflictError } from '@touchline/event-store';
import { describe, expect, it } from 'vitest';
import { splitDuplicates } from './splitDuplicates.ts';

describe('splitDuplicates', () => {
  const known = { id: randomUUID(), type: 'x', data: { a: 1, b: [1, 2] } };

  it('reports a recent id with the same type and data as a duplicate, the rest as fresh', () => {
    const other = { id: randomUUID(), type: 'y', data: {} };
    const result = splitDuplicates([{ ...known, data: { b: [1, 2], a: 1 } }, other], [known]);
    expect(result.duplicates).toEqual([known.id]);
    expect(result.fresh).toEqual([other]);
  });

  it('matches ids case-insensitively', () => {
    const result = splitDuplicates([{ ...known, id: known.id.toUpperCase() }], [known]);
    expect(result.duplicates).toHaveLength(1);
  });

  it('refuses a recent id with other data or another type', () => {
    expect(() => splitDuplicates([{ ...known, data: { a: 2, b: [1, 2] } }], [known])).toThrow(
      DuplicateEventConflictError,
    );
    expect(() => splitDuplicates([{ ...known, type: 'z' }], [known])).toThrow(
      DuplicateEventConflictError,
    );
  });

  it('treats everything as fresh on a new stream', () => {
    const events = [{ id: randomUUID(), type: 't', data: 1 }];
    expect(splitDuplicates(events, [])).toEqual({ fresh: events, duplicates: [] });
  });
});
