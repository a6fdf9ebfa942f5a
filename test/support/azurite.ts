import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export function devConnectionString(port: number): string {
  return `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`;
}

/**
 * The Azure Blob Storage emulator (npm package `azurite`) as a child process on loopback, on a
 * port the OS picks, with its data in a temp folder removed by `stop()`.
 */
export class Azurite {
  private child?: ChildProcess;
  private location = '';
  private output = '';
  port = 0;

  get connectionString(): string {
    return devConnectionString(this.port);
  }

  async start(timeoutMs = 30_000): Promise<void> {
    this.location = fs.mkdtempSync(path.join(os.tmpdir(), 'azurite-'));
    const main = path.join(PROJECT_ROOT, 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js');
    const args = [
      main,
      '--location', this.location,
      '--blobHost', '127.0.0.1',
      '--blobPort', '0',
      '--silent',
      '--skipApiVersionCheck',
      '--loose',
      '--disableTelemetry',
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`Azurite did not start within ${timeoutMs} ms:\n${this.output}`)), timeoutMs);
      const fail = (err: Error) => {
        clearTimeout(timer);
        reject(err);
      };
      const onData = (chunk: Buffer) => {
        this.output += chunk;
        // Printed even with --silent (which only mutes the access log).
        const match = /successfully listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(this.output);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk));
      child.once('exit', (code) => fail(new Error(`Azurite exited (${code}) before listening:\n${this.output}`)));
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      // It closes its servers and databases first; never let a stuck one hold the test run.
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    if (this.location) fs.rmSync(this.location, { recursive: true, force: true });
  }
}
