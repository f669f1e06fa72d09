/**
 * Per-customer (x, t_x, T) summaries as parallel arrays: x repeat purchases, the last of them at
 * t_x after the first purchase (0 when x = 0), observed for T since the first purchase. An
 * optional weight counts how many customers share the row (see `groupSummaries`).
 */
export interface CustomerSummaries {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly weight?: Float64Array;
}

/** Throws a RangeError unless the arrays are equally long and every row is a valid summary. */
export function checkSummaries(data: CustomerSummaries): void {
  const n = data.x.length;
  if (data.tx.length !== n || data.T.length !== n || (data.weight && data.weight.length !== n)) {
    throw new RangeError('x, tx, T (and weight) must have the same length');
  }
  for (let i = 0; i < n; i++) {
    const x = data.x[i]!;
    const tx = data.tx[i]!;
    const T = data.T[i]!;
    const w = data.weight ? data.weight[i]! : 1;
    if (!(Number.isInteger(x) && x >= 0 && tx >= 0 && tx <= T && T < Infinity && w >= 0)) {
      throw new RangeError(`invalid summary at ${i}: x=${x} tx=${tx} T=${T} weight=${w}`);
    }
  }
}

/**
 * Collapses identical (x, t_x, T) rows into one row with a weight (the count, or the sum of the
 * given weights), keeping first-appearance order. Day-resolution data has few distinct triples,
 * so the fit's cost then depends on the number of distinct rows, not of customers. t_x is taken
 * as 0 when x = 0. An open-addressing hash table on the rows' bit patterns: O(n).
 */
export function groupSummaries(data: CustomerSummaries): CustomerSummaries {
  const n = data.x.length;
  let size = 16;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size).fill(-1); // → index into the output rows
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const weight = new Float64Array(n);
  const scratch = new Float64Array(3);
  const bits = new Uint32Array(scratch.buffer);
  let rows = 0;
  for (let i = 0; i < n; i++) {
    const xi = data.x[i]!;
    const txi = xi === 0 ? 0 : data.tx[i]!;
    const Ti = data.T[i]!;
    scratch[0] = xi;
    scratch[1] = txi;
    scratch[2] = Ti;
    let h = 0x811c9dc5;
    for (let k = 0; k < 6; k++) h = Math.imul(h ^ bits[k]!, 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    let slot = h & mask;
    for (;;) {
      const at = table[slot]!;
      if (at === -1) {
        table[slot] = rows;
        x[rows] = xi;
        tx[rows] = txi;
        T[rows] = Ti;
        weight[rows++] = data.weight ? data.weight[i]! : 1;
        break;
      }
      if (x[at] === xi && tx[at] === txi && T[at] === Ti) {
        weight[at]! += data.weight ? data.weight[i]! : 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return {
    x: x.slice(0, rows),
    tx: tx.slice(0, rows),
    T: T.slice(0, rows),
    weight: weight.slice(0, rows),
  };
}
