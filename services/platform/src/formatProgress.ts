import type { RebuildProgress } from '@touchline/projector';

const number = new Intl.NumberFormat('en-US');

const duration = (ms: number): string => {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
};

/** One line of rebuild progress: phase, share done, count, rate and time left. Pure. */
export function formatProgress(p: RebuildProgress): string {
  const unit = p.phase === 'recompute' ? 'customers' : 'events';
  if (p.phase === 'empty') return `emptying ${p.projection}`;
  if (p.phase === 'done')
    return `done: ${number.format(p.done)} events replayed in ${duration(p.elapsedMs)}`;
  const rate = p.elapsedMs > 0 ? Math.round((p.done / p.elapsedMs) * 1000) : 0;
  const parts = [`${p.phase} ${p.projection}`];
  if (p.total !== undefined && p.total > 0) {
    parts.push(`${String(Math.min(100, Math.floor((p.done / p.total) * 100))).padStart(3)}%`);
    parts.push(`${number.format(p.done)}/${number.format(p.total)} ${unit}`);
  } else {
    parts.push(`${number.format(p.done)} ${unit}`);
  }
  parts.push(`${number.format(rate)}/s`);
  if (p.total !== undefined && rate > 0 && p.done < p.total)
    parts.push(`eta ${duration(((p.total - p.done) / rate) * 1000)}`);
  return parts.join('  ');
}
