/** A global-log position "<tx>:<position>", both zero-padded so that string order is log order. */
export type Checkpoint = string & { readonly __brand: 'Checkpoint' };

const WIDTH = 20;

export const START: Checkpoint = toCheckpoint(0n, 0n);

export function toCheckpoint(tx: bigint, position: bigint): Checkpoint {
  return `${tx.toString().padStart(WIDTH, '0')}:${position.toString().padStart(WIDTH, '0')}` as Checkpoint;
}

export function parseCheckpoint(value: string): { tx: bigint; position: bigint } {
  const match = /^(\d{1,20}):(\d{1,20})$/.exec(value);
  if (!match) throw new TypeError(`Not a checkpoint: "${value}"`);
  return { tx: BigInt(match[1]!), position: BigInt(match[2]!) };
}
