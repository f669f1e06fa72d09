import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDirLock, DirLockedError } from './acquireDirLock.ts';

const root = mkdtempSync(join(tmpdir(), 'tl-dir-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const MODULE = new URL('./acquireDirLock.ts', import.meta.url).href;

/** A process that waits for `go` to exist, tries the lock, prints HELD or LOCKED, holds 1.5 s. */
const contender = (dir: string, go: string) =>
  new Promise<string>((resolve, reject) => {
    const script = `
      import { existsSync } from 'node:fs';
      const { acquireDirLock } = await import(${JSON.stringify(MODULE)});
      while (!existsSync(${JSON.stringify(go)})) await new Promise((r) => setTimeout(r, 1));
      try { acquireDirLock(${JSON.stringify(dir)}); process.stdout.write('HELD'); }
      catch (error) { process.stdout.write(error.code === 'TL_DATA_DIR_LOCKED' ? 'LOCKED' : String(error)); }
      await new Promise((r) => setTimeout(r, 1500));`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve(out));
  });

describe('acquireDirLock', () => {
  it('lets exactly one of many processes racing for a directory hold it', async () => {
    for (let round = 0; round < 3; round++) {
      const dir = join(root, `race-${round}`);
      const go = join(root, `go-${round}`);
      const results = Array.from({ length: 6 }, () => contender(dir, go));
      await new Promise((resolve) => setTimeout(resolve, 1500)); // all started and polling
      writeFileSync(go, '');
      const outcomes = await Promise.all(results);
      expect(outcomes.filter((o) => o === 'HELD')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'LOCKED')).toHaveLength(5);
    }
  }, 60_000);

  it('takes over the lock of a dead process, and leaves no stray files', () => {
    const dir = join(root, 'stale');
    writeFileSync(`${dir}.lock`, '2147483646\nsomehost\n2026-01-01T00:00:00Z\n'); // no such pid
    const lock = acquireDirLock(dir);
    expect(() => acquireDirLock(dir)).toThrow(DirLockedError);
    lock.release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
    expect(readdirSync(root).filter((f) => f.startsWith('stale'))).toEqual([]);
  });

  it('refuses a directory a live process holds, naming it', () => {
    const dir = join(root, 'live');
    writeFileSync(`${dir}.lock`, `${process.ppid}\nsomehost\n2026-01-01T00:00:00Z\n`);
    expect(() => acquireDirLock(dir, 'The test store')).toThrow(
      `The test store is in use by process ${process.ppid}`,
    );
    expect(existsSync(`${dir}.lock`)).toBe(true);
  });
});
