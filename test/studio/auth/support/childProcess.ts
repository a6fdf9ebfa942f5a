import { type ChildProcess, spawn } from 'node:child_process';

/** A Node script run as a child process, with everything it printed kept for the test to read. */
export class NodeChild {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';

  constructor(script: string, args: string[], env: Record<string, string>) {
    this.child = spawn(process.execPath, [script, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (d) => (this.stdout += d));
    this.child.stderr!.on('data', (d) => (this.stderr += d));
  }

  /** The first JSON line of standard output with this key (the child's "ready" line). */
  waitForJson<T>(key: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const look = () => {
        for (const value of this.jsonLines()) {
          if (key in value) {
            this.child.stdout!.off('data', look);
            this.child.off('exit', exited);
            return resolve(value[key] as T);
          }
        }
      };
      const exited = (code: number | null) => reject(new Error(`exited (${code}) before printing ${key}:\n${this.stdout}\n${this.stderr}`));
      this.child.stdout!.on('data', look);
      this.child.once('exit', exited);
      look();
    });
  }

  /** Every JSON line printed so far (pino logs). */
  jsonLines(): Record<string, unknown>[] {
    // The last piece may be a line still being written.
    return this.stdout
      .split('\n')
      .slice(0, -1)
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }
}
