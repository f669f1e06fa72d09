export { acquireDirLock, DirLockedError, type DirLock } from './acquireDirLock.ts';
