import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { keyPartitioner, murmur2 } from './keyPartitioner.ts';

// kafkajs's own murmur2 (64-bit Long arithmetic, a port of the Java client's), as the reference.
const reference = createRequire(import.meta.url)(
  'kafkajs/src/producer/partitioners/default/murmur2.js',
) as (key: string | Buffer) => number;

describe('murmur2', () => {
  it('equals the Java client’s values on its published test keys', () => {
    // org.apache.kafka.common.utils.UtilsTest#testMurmur2
    expect(murmur2('21')).toBe(-973932308);
    expect(murmur2('foobar')).toBe(-790332482);
    expect(murmur2('a-little-bit-long-string')).toBe(-985981536);
    expect(murmur2('a-little-bit-longer-string')).toBe(-1486304829);
    expect(murmur2('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8')).toBe(-58897971);
    expect(murmur2('abc')).toBe(479470107);
  });

  it('equals kafkajs’s murmur2 on 20,000 keys of every length and alphabet', () => {
    const keys: (string | Buffer)[] = [''];
    for (let i = 0; i < 5_000; i++) {
      keys.push(`customer-shop-${i}`, `customer-${randomUUID()}`);
      keys.push(`ü-日本-${i}-${'é'.repeat(i % 7)}`, randomBytes(i % 64));
    }
    for (const key of keys) expect(murmur2(key), String(key)).toBe(reference(key));
  });
});

describe('keyPartitioner', () => {
  const partitionMetadata = Array.from({ length: 6 }, (_, partitionId) => ({
    partitionId,
    leader: 1,
    replicas: [1],
    isr: [1],
    partitionErrorCode: 0,
  }));
  const partition = keyPartitioner();

  it('sends a key where the Java client would: positive murmur2 modulo the partitions', () => {
    for (let i = 0; i < 1_000; i++) {
      const key = `customer-p-${i}`;
      expect(partition({ topic: 't', partitionMetadata, message: { key, value: 'v' } })).toBe(
        (reference(key) & 0x7fffffff) % 6,
      );
    }
  });

  it('honours an explicit partition and spreads unkeyed messages over led partitions', () => {
    expect(
      partition({ topic: 't', partitionMetadata, message: { key: 'x', partition: 4, value: 'v' } }),
    ).toBe(4);
    const led = partitionMetadata.map((p) => ({ ...p, leader: p.partitionId % 2 === 0 ? 1 : -1 }));
    const seen = new Set(
      Array.from({ length: 60 }, () =>
        partition({ topic: 't', partitionMetadata: led, message: { value: 'v' } }),
      ),
    );
    expect([...seen].sort()).toEqual([0, 2, 4]);
  });
});
