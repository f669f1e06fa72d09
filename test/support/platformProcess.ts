import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../services/platform/src/main.ts', import.meta.url));

const ENGINE_ENV = /^(TL_|DATABASE_|KAFKA_|CLICKHOUSE_)/;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface PlatformProcess {
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
  /** SIGTERM and wait for a clean exit (or SIGKILL after 15 s). */
  stop(): Promise<number | null>;
  /** SIGKILL: the crash case. */
  kill(): Promise<void>;
}

/** Runs `services/platform/src/main.ts` as its own OS process and waits until /healthz answers. */
export async function startPlatformProcess(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<PlatformProcess> {
  const port = await freePort();
  // Engines are chosen by env: never let the test runner's own engine addresses leak in.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !ENGINE_ENV.test(key)),
  );
  const child = spawn(process.execPath, [MAIN], {
    env: { ...inherited, TL_HTTP_PORT: String(port), TL_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`platform exited with ${child.exitCode} before it was ready:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`platform not ready after ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    async kill() {
      if (child.exitCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Polls `read` until `accept` holds or the deadline passes; returns the last value and elapsed ms. */
export async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs: number,
  intervalMs = 25,
): Promise<{ value: T; elapsedMs: number; ok: boolean }> {
  const started = performance.now();
  for (;;) {
    const value = await read();
    const elapsedMs = performance.now() - started;
    if (accept(value)) return { value, elapsedMs, ok: true };
    if (elapsedMs > timeoutMs) return { value, elapsedMs, ok: false };
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
