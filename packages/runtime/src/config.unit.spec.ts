import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to embedded engines under .data, all services but the relay', () => {
    const config = loadConfig({});
    expect(config.store).toEqual({ kind: 'pglite', dataDir: '.data/store' });
    expect(config.warehouse).toMatchObject({
      kind: 'chdb',
      dataDir: '.data/warehouse',
      database: 'touchline',
    });
    expect(config.kafka).toBeUndefined();
    expect(config.services).toEqual(['ingest', 'projector', 'insights', 'admin']);
    expect(config.http).toEqual({ host: '127.0.0.1', port: 8080 });
  });

  it('switches to server engines when their addresses are set', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@db:5432/journeys',
      KAFKA_BROKERS: 'k1:9092, k2:9092',
      CLICKHOUSE_URL: 'http://ch:8123',
    });
    expect(config.store).toMatchObject({
      kind: 'postgres',
      connectionString: 'postgres://u@db:5432/journeys',
    });
    expect(config.kafka?.brokers).toEqual(['k1:9092', 'k2:9092']);
    expect(config.warehouse).toMatchObject({ kind: 'server', url: 'http://ch:8123' });
    expect(config.services).toEqual(['ingest', 'relay', 'projector', 'insights', 'admin']);
  });

  it('names every bad variable', () => {
    const error = (() => {
      try {
        loadConfig({
          TL_HTTP_PORT: 'eighty',
          KAFKA_BROKERS: 'no-port',
          TL_SERVICES: 'ingest,teleport',
        });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.problems.map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining(['TL_HTTP_PORT', 'KAFKA_BROKERS.0', 'TL_SERVICES.1']),
    );
  });

  it('refuses a relay without Kafka', () => {
    expect(() => loadConfig({ TL_SERVICES: 'relay' })).toThrow(/relay needs KAFKA_BROKERS/);
  });
});
