import { describe } from 'vitest';
import { randomBytes } from 'node:crypto';
import { clickhouseServerUrl } from '@touchline/testing';
import { warehouseContract } from './contract/warehouseContract.ts';
import { openWarehouse } from './openWarehouse.ts';

const server = clickhouseServerUrl();

describe.runIf(server.available)('warehouse on a ClickHouse server', () => {
  warehouseContract(async () => {
    const database = `tl_test_${randomBytes(5).toString('hex')}`;
    const warehouse = await openWarehouse({
      kind: 'server',
      url: server.available ? server.value : '',
      database,
    });
    return {
      warehouse,
      dispose: async () => {
        await warehouse.command(`DROP DATABASE IF EXISTS ${database}`);
        await warehouse.close();
      },
    };
  });
});
