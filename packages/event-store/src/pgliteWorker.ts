import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { appendGroup } from './appendGroup.ts';
import { toWireError, type WorkerReply, type WorkerRequest } from './pgliteWorkerProtocol.ts';

// The thread of `openPgliteExecutor`: it owns the PGlite database and answers each request
// by id. PGlite itself queues statements behind an open transaction, as it does on one thread.
const port = parentPort!;
const { dataDir } = workerData as { dataDir: string | undefined };
const db = await PGlite.create(dataDir ? { dataDir } : {});

const reply = (message: WorkerReply) => port.postMessage(message);
const answer = (id: number, work: Promise<unknown>) =>
  work.then(
    (result) => reply({ id, result }),
    (error: unknown) => reply({ id, error: toWireError(error) }),
  );
const rowsOf = async (target: PGlite | Transaction, sql: string, params: readonly unknown[]) =>
  (await target.query(sql, [...params])).rows;

class RolledBack extends Error {}

/** Statements for each transaction the main thread has open, in order. */
const transactions = new Map<number, (request: WorkerRequest) => void>();

/** One PGlite transaction, run by the main thread's statements until it commits or rolls back. */
function runTransaction(txId: number, beginId: number): void {
  const queue: WorkerRequest[] = [];
  let wake: (() => void) | undefined;
  transactions.set(txId, (request) => {
    queue.push(request);
    wake?.();
  });
  const next = async (): Promise<WorkerRequest> => {
    while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return queue.shift()!;
  };
  let endId = beginId;
  const done = db.transaction(async (tx) => {
    reply({ id: beginId, result: null });
    for (;;) {
      const request = await next();
      if (request.op === 'txQuery') {
        await answer(request.id, rowsOf(tx, request.sql, request.params));
        continue;
      }
      endId = request.id; // commit or rollback: answered once the transaction has ended
      if (request.op === 'rollback') throw new RolledBack();
      return;
    }
  });
  done
    .then(
      () => reply({ id: endId, result: null }),
      (error: unknown) =>
        reply(
          error instanceof RolledBack
            ? { id: endId, result: null }
            : { id: endId, error: toWireError(error) },
        ),
    )
    .finally(() => transactions.delete(txId));
}

port.on('message', (request: WorkerRequest) => {
  switch (request.op) {
    case 'query':
      void answer(request.id, rowsOf(db, request.sql, request.params));
      return;
    case 'begin':
      runTransaction(request.txId, request.id);
      return;
    case 'txQuery':
    case 'commit':
    case 'rollback': {
      const deliver = transactions.get(request.txId);
      if (deliver) deliver(request);
      else reply({ id: request.id, error: toWireError(new Error('The transaction has ended')) });
      return;
    }
    case 'appendGroup':
      void answer(
        request.id,
        db
          .transaction((tx) =>
            appendGroup(
              { query: (sql, params = []) => rowsOf(tx, sql, params) as never },
              request.requests,
            ),
          )
          .then((results) =>
            results.map((r) => (r instanceof Error ? { error: toWireError(r) } : { ok: r })),
          ),
      );
      return;
    case 'close':
      void answer(request.id, db.close());
      return;
  }
});
port.postMessage('ready');
