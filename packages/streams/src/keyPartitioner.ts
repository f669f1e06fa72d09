import type { ICustomPartitioner } from 'kafkajs';

const SEED = 0x9747b28c;
const M = 0x5bd1e995;
let scratch = new Uint8Array(256);

/** A key's UTF-8 bytes: ASCII keys (customer stream ids) are copied into a reused buffer. */
function keyBytes(key: string | Buffer): { readonly bytes: Uint8Array; readonly length: number } {
  if (typeof key !== 'string') return { bytes: key, length: key.length };
  const length = key.length;
  if (length > scratch.length) scratch = new Uint8Array(length * 2);
  for (let i = 0; i < length; i++) {
    const code = key.charCodeAt(i);
    if (code >= 0x80) {
      const utf8 = Buffer.from(key);
      return { bytes: utf8, length: utf8.length };
    }
    scratch[i] = code;
  }
  return { bytes: scratch, length };
}

/**
 * Kafka's murmur2 hash of a key (the Java client's `Utils.murmur2`: 32-bit integer arithmetic over
 * the key's UTF-8 bytes), so keys land on the partitions every Kafka client picks for them.
 */
export function murmur2(key: string | Buffer): number {
  const { bytes, length } = keyBytes(key);
  let h = SEED ^ length;
  const length4 = length >>> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = bytes[i4]! | (bytes[i4 + 1]! << 8) | (bytes[i4 + 2]! << 16) | (bytes[i4 + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const tail = length & ~3;
  const rest = length & 3;
  if (rest > 0) {
    if (rest === 3) h ^= bytes[tail + 2]! << 16;
    if (rest >= 2) h ^= bytes[tail + 1]! << 8;
    h ^= bytes[tail]!;
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h;
}

/**
 * The Java client's default partitioning (and kafkajs's DefaultPartitioner's): an explicit
 * partition wins, a keyed message goes to `murmur2(key) & 0x7fffffff` modulo the partition count,
 * an unkeyed one round-robin over the partitions that have a leader. Written here without the
 * per-message allocations of kafkajs's (a Long object per arithmetic step, a Buffer per key, a
 * filtered partition list per message), which made partitioning a visible share of the relay's CPU.
 */
export const keyPartitioner: ICustomPartitioner = () => {
  let counter = Math.floor(Math.random() * 0x7fffffff);
  return ({ partitionMetadata, message }) => {
    if (message.partition !== null && message.partition !== undefined) return message.partition;
    const count = partitionMetadata.length;
    if (message.key !== null && message.key !== undefined)
      return (murmur2(message.key) & 0x7fffffff) % count;
    const available = partitionMetadata.filter((p) => p.leader >= 0);
    counter = (counter + 1) & 0x7fffffff;
    return available.length > 0
      ? available[counter % available.length]!.partitionId
      : counter % count;
  };
};
