import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The producer paths patched in patches/kafkajs@2.2.4.patch, checked against straightforward
// reference implementations: the wire bytes must not change.
const load = createRequire(import.meta.url);
const crc32C = load('kafkajs/src/protocol/recordBatch/crc32C/index.js') as (b: Buffer) => number;
const Encoder = load('kafkajs/src/protocol/encoder.js') as new (size?: number) => {
  writeVarLong(value: number): unknown;
  writeVarInt(value: number): unknown;
  writeUVarInt(value: number): unknown;
  buffer: Buffer;
};
const Long = load('kafkajs/src/utils/long.js') as { fromNumber(n: number): unknown };
const groupMessagesPerPartition = load('kafkajs/src/producer/groupMessagesPerPartition.js') as (
  args: object,
) => Record<string, { key: string }[]>;

/** CRC-32C (Castagnoli), one bit at a time. */
function referenceCrc32C(buffer: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Zigzag LEB128 of a 64-bit integer (BigInt arithmetic). */
function referenceVarLong(value: number): Buffer {
  let z = BigInt.asUintN(64, (BigInt(value) << 1n) ^ (BigInt(value) >> 63n));
  const bytes: number[] = [];
  while (z >= 0x80n) {
    bytes.push(Number(z & 0x7fn) | 0x80);
    z >>= 7n;
  }
  bytes.push(Number(z));
  return Buffer.from(bytes);
}

describe('kafkajs patch', () => {
  it('crc32C (slicing-by-8) equals the bitwise CRC-32C at every length and alignment', () => {
    expect(crc32C(Buffer.from('123456789'))).toBe(0xe3069283); // the standard check value
    const data = randomBytes(4096);
    for (let length = 0; length < 80; length++)
      for (const start of [0, 1, 3, 7]) {
        const slice = data.subarray(start, start + length);
        expect(crc32C(slice)).toBe(referenceCrc32C(slice));
      }
    expect(crc32C(data)).toBe(referenceCrc32C(data));
  });

  it('writes varints and varlongs (fast path and Long path) as zigzag LEB128', () => {
    const values = [0, 1, -1, 63, -64, 64, 127, 128, 300, -300, 2 ** 20, -(2 ** 20)];
    values.push(2 ** 30 - 1, -(2 ** 30) + 1, 2 ** 30, -(2 ** 30), 2 ** 31, 2 ** 40, -(2 ** 45));
    values.push(Date.now(), -Date.now(), Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER);
    for (const value of values) {
      const encoder = new Encoder();
      encoder.writeVarLong(value);
      expect(encoder.buffer, String(value)).toEqual(referenceVarLong(value));
      const viaLong = new Encoder();
      viaLong.writeVarLong(Long.fromNumber(value) as number); // upstream's path, unchanged
      expect(viaLong.buffer, `Long ${value}`).toEqual(referenceVarLong(value));
    }
    for (const value of [0, 1, -1, 2 ** 29, -(2 ** 29), 2 ** 31 - 1, -(2 ** 31)]) {
      const encoder = new Encoder(1); // grows from a one-byte buffer
      encoder.writeVarInt(value);
      expect(encoder.buffer, String(value)).toEqual(referenceVarLong(value));
    }
  });

  it('groups messages per partition in their order', () => {
    const messages = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}` }));
    const grouped = groupMessagesPerPartition({
      topic: 't',
      partitionMetadata: [{ partitionId: 0 }, { partitionId: 1 }, { partitionId: 2 }],
      messages,
      partitioner: ({ message }: { message: { key: string } }) => Number(message.key.slice(1)) % 3,
    });
    expect(Object.keys(grouped).sort()).toEqual(['0', '1', '2']);
    for (const [partition, list] of Object.entries(grouped))
      expect(list).toEqual(messages.filter((_, i) => i % 3 === Number(partition)));
  });
});
