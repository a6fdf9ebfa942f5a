import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';

export interface Startup {
  /** Spawn → first /healthz 200 (the process listens). */
  listeningMs: number;
  /** Spawn → first /readyz 200 (for the bot: journey loaded, cards warm). */
  readyMs: number;
  /** CPU time the process had used when ready: steadier than wall time on a busy machine. */
  readyCpuMs: number;
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

/** The HTTP status of a GET, or undefined while nothing listens. */
function status(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: 5_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

/** A bot (ours or the echo bot) as a child process on a free loopback port. */
export class ChildBot {
  private child?: ChildProcess;
  private output = '';
  port = 0;

  constructor(
    readonly name: string,
    private readonly script: string,
    private readonly env: Record<string, string>,
    private readonly nodeArgs: readonly string[] = [],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the process and polls /healthz and /readyz every 10 ms until both answer 200. */
  async start(timeoutMs = 120_000): Promise<Startup> {
    this.port = await freePort();
    const started = performance.now();
    this.child = spawn(process.execPath, [...this.nodeArgs, this.script], {
      env: { ...process.env, ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d) => (this.output += d));
    this.child.stderr!.on('data', (d) => (this.output += d));
    let listeningMs: number | undefined;
    while (performance.now() - started < timeoutMs) {
      if (this.child.exitCode !== null) throw new Error(`${this.name} exited during start-up:\n${this.output}`);
      if (listeningMs === undefined && (await status(`${this.url}/healthz`)) === 200) listeningMs = performance.now() - started;
      if (listeningMs !== undefined && (await status(`${this.url}/readyz`)) === 200) {
        return { listeningMs, readyMs: performance.now() - started, readyCpuMs: this.cpuMs() };
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`${this.name} not ready after ${timeoutMs} ms:\n${this.output}`);
  }

  /** CPU time (user + system) the process has used so far, in ms (10 ms resolution). */
  cpuMs(): number {
    // /proc/<pid>/stat: fields 14 and 15 (utime, stime) in clock ticks of 1/100 s, after "(comm)".
    const fields = fs.readFileSync(`/proc/${this.child!.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }

  /** Resident memory of the process (VmRSS), in MB. */
  rssMb(): number {
    const status = fs.readFileSync(`/proc/${this.child!.pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    if (!kb) throw new Error(`no VmRSS for ${this.name}`);
    return Number(kb[1]) / 1024;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
