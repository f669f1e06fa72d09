import { describe, expect, it } from 'vitest';
import { tempDir } from '@touchline/testing';
import { DirLockedError } from '@touchline/dir-lock';
import { warehouseContract } from './contract/warehouseContract.ts';
import { openWarehouse } from './openWarehouse.ts';

const dir = tempDir('tl-chdb-');

describe('warehouse on chdb (in-process ClickHouse, data dir on disk)', () => {
  warehouseContract(async () => {
    const warehouse = await openWarehouse({ kind: 'chdb', dataDir: `${dir.path}/warehouse` });
    return { warehouse, dispose: async () => warehouse.close() };
  });

  it('refuses a second opener of the same data directory', async () => {
    await expect(
      openWarehouse({ kind: 'chdb', dataDir: `${dir.path}/warehouse` }),
    ).rejects.toBeInstanceOf(DirLockedError);
  });
});
