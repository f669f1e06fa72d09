import type { Warehouse } from './warehouse.ts';

/** Checkpoints of log-tailing projectors, kept beside their read models in ClickHouse. */
export async function loadProjectionCheckpoint(
  warehouse: Warehouse,
  projection: string,
): Promise<string | undefined> {
  const [row] = await warehouse.query<{ checkpoint: string }>(
    `SELECT max(checkpoint) AS checkpoint FROM ${warehouse.database}.projection_checkpoints
     WHERE projector = {projector:String}`,
    { projector: projection },
  );
  return row?.checkpoint ? row.checkpoint : undefined;
}

export async function saveProjectionCheckpoint(
  warehouse: Warehouse,
  projection: string,
  checkpoint: string,
): Promise<void> {
  await warehouse.insert(`${warehouse.database}.projection_checkpoints`, [
    { projector: projection, checkpoint },
  ]);
}
