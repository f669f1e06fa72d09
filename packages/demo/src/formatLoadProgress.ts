/** Where a demo load is: events sent of the total, since the start. */
export interface LoadProgress {
  readonly sent: number;
  readonly total: number;
  readonly elapsedMs: number;
}

const number = new Intl.NumberFormat('en-US');
const seconds = (ms: number) => {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
};

/** One progress line: bar, %, events, events/s and time left. Pure. */
export function formatLoadProgress(p: LoadProgress, width = 24): string {
  const share = p.total > 0 ? Math.min(1, p.sent / p.total) : 1;
  const filled = Math.round(share * width);
  const rate = p.elapsedMs > 0 ? (p.sent / p.elapsedMs) * 1000 : 0;
  const parts = [
    `demo [${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`,
    `${String(Math.floor(share * 100)).padStart(3)}%`,
    `${number.format(p.sent)}/${number.format(p.total)} events`,
    `${number.format(Math.round(rate))}/s`,
  ];
  if (rate > 0 && p.sent < p.total)
    parts.push(`eta ${seconds(((p.total - p.sent) / rate) * 1000)}`);
  return parts.join('  ');
}

/**
 * A progress reporter writing to a stream: on a TTY one line rewritten in place; otherwise a line
 * at every further 10 % (and at the end), so logs stay short.
 */
export function progressBar(stream: { isTTY?: boolean; write(text: string): unknown }) {
  let lastDecile = -1;
  return (p: LoadProgress): void => {
    const done = p.sent >= p.total;
    if (stream.isTTY) {
      stream.write(`\r\x1b[K${formatLoadProgress(p)}${done ? '\n' : ''}`);
      return;
    }
    // Deciles, so the last one (100 %) is printed exactly once.
    const decile = Math.floor((p.total > 0 ? Math.min(1, p.sent / p.total) : 1) * 10);
    if (decile <= lastDecile) return;
    lastDecile = decile;
    stream.write(`${formatLoadProgress(p)}\n`);
  };
}
