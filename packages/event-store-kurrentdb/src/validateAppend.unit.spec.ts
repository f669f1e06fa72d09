import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validateAppend, validateAppendMany } from './validateAppend.ts';

describe('validateAppend', () => {
  const event = () => ({ id: randomUUID(), type: 't', data: {} });

  it('accepts a well-formed batch', () => {
    expect(() => validateAppend('customer-1', [event(), event()])).not.toThrow();
  });

  it('refuses what the contract refuses, and system stream names', () => {
    expect(() => validateAppend('s', [])).toThrow(/at least one event/);
    expect(() => validateAppend('s', [{ ...event(), id: 'nope' }])).toThrow(/not a UUID/);
    const twice = event();
    expect(() => validateAppend('s', [twice, { ...twice, id: twice.id.toUpperCase() }])).toThrow(
      /unique within a batch/,
    );
    expect(() => validateAppend('$$customer-1', [event()])).toThrow(/system streams/);
    expect(() => validateAppend('', [event()])).toThrow(/1-512/);
  });
});

describe('validateAppendMany', () => {
  const event = () => ({ id: randomUUID(), type: 't', data: {} });

  it('checks each entry and the uniqueness of ids across the batch', () => {
    expect(() => validateAppendMany([])).not.toThrow();
    expect(() =>
      validateAppendMany([
        { streamId: 'a', events: [event()] },
        { streamId: 'b', events: [event()] },
      ]),
    ).not.toThrow();
    const shared = event();
    expect(() =>
      validateAppendMany([
        { streamId: 'a', events: [shared] },
        { streamId: 'b', events: [shared] },
      ]),
    ).toThrow(/unique within a batch/);
    expect(() => validateAppendMany([{ streamId: 'a', events: [] }])).toThrow(/at least one/);
  });
});
