export interface BenchRow {
  readonly suite: string;
  readonly engine: string;
  readonly case: string;
  readonly events: number;
  readonly seconds: number;
  readonly rawSeconds?: number;
  readonly note?: string;
}

const rate = (events: number, seconds: number) => Math.round(events / seconds);
const fmt = (n: number) => n.toLocaleString('en-US');

/** Prints rows as an aligned text table: throughput beside the engine's raw speed and the ratio. */
export function printTable(rows: readonly BenchRow[]): void {
  const header = ['suite', 'engine', 'case', 'events', 'events/s', 'raw events/s', 'ratio', 'note'];
  const body = rows.map((row) => [
    row.suite,
    row.engine,
    row.case,
    fmt(row.events),
    fmt(rate(row.events, row.seconds)),
    row.rawSeconds === undefined ? '' : fmt(rate(row.events, row.rawSeconds)),
    row.rawSeconds === undefined ? '' : (row.rawSeconds / row.seconds).toFixed(2),
    row.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i >= 3 && i <= 6 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  console.log(line(header));
  console.log(
    `|${widths.map((w, i) => (i >= 3 && i <= 6 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`,
  );
  for (const row of body) console.log(line(row));
}

export async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}
