import { describe, expect, it } from 'vitest';
import { assertJsonSafe } from './assertJsonSafe.ts';
import { ApiError } from './errors.ts';

const fieldOf = (value: unknown, prefix = ''): string | undefined => {
  try {
    assertJsonSafe(value, prefix);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return (error as ApiError).field;
  }
};

describe('assertJsonSafe', () => {
  it('accepts ordinary unicode, emoji and line separators', () => {
    expect(fieldOf({ a: 'Grüße 你好 👋🏽 \u2028', b: [1, { c: null }] })).toBeUndefined();
  });

  it('names the path of a NUL character or a lone surrogate', () => {
    expect(fieldOf({ data: { name: 'a\u0000b' } })).toBe('data.name');
    expect(fieldOf({ data: { list: ['ok', '\uD800'] } })).toBe('data.list[1]');
    expect(fieldOf({ data: { x: 'tail \uDC00' } })).toBe('data.x');
    expect(fieldOf({ data: { ['k\u0000']: 1 } })).toBe('data');
    expect(fieldOf('\u0000', 'batch[2]')).toBe('batch[2]');
  });

  it('refuses hostile depth without overflowing its own stack', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    expect(fieldOf({ data: { deep } })).toMatch(/^data\.deep(\[0\])+$/);
  });
});
