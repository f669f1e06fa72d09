import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { hostname } from 'node:os';

export class DirLockedError extends Error {
  readonly code = 'TL_DATA_DIR_LOCKED';
  readonly lockFile: string;
  readonly holderPid: number;
  constructor(lockFile: string, holderPid: number, what: string) {
    super(
      `${what} is in use by process ${holderPid} (lock file ${lockFile}). ` +
        'Only one process may open this data directory: stop the other process, ' +
        'or point this one at another directory.',
    );
    this.name = 'DirLockedError';
    this.lockFile = lockFile;
    this.holderPid = holderPid;
  }
}

export interface DirLock {
  readonly lockFile: string;
  release(): void;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const readHolder = (lockFile: string): number | undefined => {
  try {
    const pid = Number.parseInt(readFileSync(lockFile, 'utf8').split('\n')[0] ?? '', 10);
    return Number.isFinite(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Takes an exclusive, process-level lock on a data directory by creating `<dir>.lock`. Engines
 * such as PGlite take no lock of their own: a second process on the same directory silently
 * loses its writes, so we refuse to open it instead. A lock left by a process that died
 * (kill -9) is detected by its PID and taken over.
 *
 * The lock file appears whole or not at all: its content is written to a file of this process's
 * own, then hard-linked to the lock's name (a link fails if the name exists). Created empty and
 * written afterwards, a starting process could read it empty in between, take it for a
 * half-written leftover and remove it, and both would hold the lock. A stale lock is first
 * renamed to a name of this process's own (only one renamer of a file succeeds); if the renamed
 * file turns out to name a live process after all, it is put back.
 */
export const acquireDirLock = (dir: string, what = `Data directory ${dir}`): DirLock => {
  const lockFile = `${dir.replace(/\/+$/, '')}.lock`;
  mkdirSync(dirname(lockFile), { recursive: true });
  const own = `${lockFile}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(own, `${process.pid}\n${hostname()}\n${new Date().toISOString()}\n`);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(own, lockFile);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = readHolder(lockFile);
        if (holder === process.pid)
          throw new DirLockedError(lockFile, holder, `${what} (already opened by this process)`);
        if (holder !== undefined && isAlive(holder))
          throw new DirLockedError(lockFile, holder, what);
        takeOverStale(lockFile, `${own}.stale`);
        continue;
      }
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        process.removeListener('exit', release);
        if (readHolder(lockFile) === process.pid) rmSync(lockFile, { force: true });
      };
      process.once('exit', release);
      return { lockFile, release };
    }
  } finally {
    rmSync(own, { force: true });
  }
  throw new Error(`Could not acquire lock ${lockFile}: it keeps changing hands`);
};

/** Moves a dead process's lock out of the way; one that names a live process goes back. */
function takeOverStale(lockFile: string, aside: string): void {
  try {
    renameSync(lockFile, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else moved it
    throw error;
  }
  const holder = readHolder(aside);
  if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
    // A live holder's lock, created after we read the stale one: restore it.
    try {
      linkSync(aside, lockFile);
    } catch {
      // The name is taken again: the next attempt judges whoever holds it.
    }
  }
  rmSync(aside, { force: true });
}
