import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
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
 * Takes an exclusive, process-level lock on a data directory by creating `<dir>.lock` with
 * O_EXCL. Engines such as PGlite take no lock of their own: a second process on the same
 * directory silently loses its writes, so we refuse to open it instead. A lock left by a
 * process that died (kill -9) is detected by its PID and taken over.
 */
export const acquireDirLock = (dir: string, what = `Data directory ${dir}`): DirLock => {
  const lockFile = `${dir.replace(/\/+$/, '')}.lock`;
  mkdirSync(dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, `${process.pid}\n${hostname()}\n${new Date().toISOString()}\n`);
      closeSync(fd);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        process.removeListener('exit', release);
        if (readHolder(lockFile) === process.pid) rmSync(lockFile, { force: true });
      };
      process.once('exit', release);
      return { lockFile, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(lockFile);
      if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
        throw new DirLockedError(lockFile, holder, what);
      }
      if (holder === process.pid)
        throw new DirLockedError(lockFile, holder, `${what} (already opened by this process)`);
      // Stale lock from a dead process, or a half-written file: take it over.
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not acquire lock ${lockFile}`);
};
