import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

/** The built server (`npm start` without the build step) as a real child process. */
export class BotProcess {
  child?: ChildProcess;
  output = '';
  /** Real time of the first start: the test clock runs on from there across restarts. */
  private firstStart?: number;
  private closed?: Promise<number | null>;
  /**
   * With `clockStart` (an ISO instant) the server runs on a test clock (TEST_CLOCK_START) that
   * starts there and keeps running across crashes and restarts, as a real clock would.
   */
  constructor(
    readonly port: number,
    readonly dataDir: string,
    readonly clockStart?: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts `script` (default: the server itself; `scripts/start.js` is what `npm start` runs). */
  start(extraEnv: Record<string, string> = {}, script = path.join('dist', 'src', 'index.js')): void {
    this.output = '';
    this.firstStart ??= Date.now();
    const clock = this.clockStart ? { TEST_CLOCK_START: new Date(Date.parse(this.clockStart) + Date.now() - this.firstStart).toISOString() } : {};
    this.child = spawn(process.execPath, [path.join(PROJECT_ROOT, script)], {
      env: { ...process.env, PORT: String(this.port), DATA_DIR: this.dataDir, LOG_LEVEL: 'info', NODE_ENV: 'test', LOCAL_EMULATOR: 'true', RATE_LIMIT_BURST: '1000', ...clock, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const child = this.child;
    this.closed = new Promise((r) => child.once('close', (code: number | null) => r(code)));
    this.child.stdout!.on('data', (d) => (this.output += d));
    this.child.stderr!.on('data', (d) => (this.output += d));
  }

  /** Polls a route until it answers `status`; returns every status seen on the way. */
  async waitFor(route: string, status: number, timeoutMs = 90_000): Promise<number[]> {
    const seen: number[] = [];
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      try {
        const res = await fetch(`${this.url}${route}`);
        await res.text();
        seen.push(res.status);
        if (res.status === status) return seen;
      } catch {
        // not listening yet
      }
      if (this.child?.exitCode !== null && this.child?.exitCode !== undefined) throw new Error(`server exited:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${route} never answered ${status}; saw ${seen.join(',')}\n${this.output}`);
  }

  /**
   * The process's memory from /proc (Linux), in kB: `VmRSS` now and `VmHWM`, the highest it ever
   * was. The peak catches a spike that is over by the time anyone looks, with no timing involved.
   */
  memoryKb(): { rss: number; peak: number } {
    const status = fs.readFileSync(`/proc/${this.child!.pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rss: field('VmRSS'), peak: field('VmHWM') };
  }

  /** Waits until the process has written `text` (its log reaches the pipe after it answers HTTP). */
  async waitForOutput(text: string, timeoutMs = 30_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!this.output.includes(text)) {
      if (Date.now() > end) throw new Error(`the server never wrote "${text}":\n${this.output}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Resolves with the exit code once the process has ended by itself (e.g. refusing to start) and its output is read. */
  exitCode(): Promise<number | null> {
    return this.closed!;
  }

  /** kill -9: no chance to flush or close anything. */
  async crash(): Promise<void> {
    const child = this.child!;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}
