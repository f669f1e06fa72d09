export interface GroupCommitOptions {
  /** Most events in one group transaction; a single larger request still commits alone. */
  readonly maxEvents: number;
  /** Group transactions allowed in flight at once (1 for PGlite, a few for a server pool). */
  readonly maxConcurrent: number;
}

interface Pending<Req, Res> {
  readonly request: Req;
  readonly size: number;
  readonly resolve: (result: Res) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Coalesces concurrent requests into group commits. No timer: while a group is being committed,
 * new requests queue up and form the next group, so an idle system commits at once and a busy
 * one commits in large groups. The wait of any request is bounded by the group ahead of it.
 * `flush` answers each request with its own result or error, in order.
 */
export function groupCommitter<Req, Res>(
  options: GroupCommitOptions,
  sizeOf: (request: Req) => number,
  flush: (requests: Req[]) => Promise<(Res | Error)[]>,
): (request: Req) => Promise<Res> {
  const queue: Pending<Req, Res>[] = [];
  let inFlight = 0;
  let scheduled = false;

  const takeGroup = (): Pending<Req, Res>[] => {
    const group: Pending<Req, Res>[] = [queue.shift()!];
    let events = group[0]!.size;
    while (queue.length > 0 && events + queue[0]!.size <= options.maxEvents) {
      const next = queue.shift()!;
      events += next.size;
      group.push(next);
    }
    return group;
  };

  // Start groups one event-loop turn later: requests that arrived meanwhile (I/O callbacks) join
  // them. Without this, an engine that resolves without yielding to I/O (PGlite runs in this
  // thread) would commit every request alone.
  const pump = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      startGroups();
    });
  };

  const startGroups = (): void => {
    while (inFlight < options.maxConcurrent && queue.length > 0) {
      const group = takeGroup();
      inFlight++;
      flush(group.map((p) => p.request))
        .then(
          (results) =>
            group.forEach((pending, i) => {
              const result = results[i];
              if (result instanceof Error) pending.reject(result);
              else pending.resolve(result as Res);
            }),
          (error: unknown) => group.forEach((pending) => pending.reject(error)),
        )
        .finally(() => {
          inFlight--;
          pump();
        });
    }
  };

  return (request) =>
    new Promise<Res>((resolve, reject) => {
      queue.push({ request, size: sizeOf(request), resolve, reject });
      pump();
    });
}
