import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { readEnv } from '../../../../src/config/env';
import { registerStudioAuth } from '../../../../src/studio/http/registerStudioAuth';
import { captureLogs } from '../../../support/logCapture';
import { createStudioServer } from './studioServer';

/** A clock the test moves by hand (sessions expire by it). */
export class ManualClock {
  constructor(public ms = Date.UTC(2030, 0, 1, 9)) {}
  readonly now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface LocalStudio {
  url: string;
  /** What the server printed on standard output (the sign-in links). */
  printed: string[];
  logs: ReturnType<typeof captureLogs>;
  clock: ManualClock;
  /** The latest printed sign-in link. */
  link(): string;
  close(): Promise<void>;
}

/** The studio's door on its own restify server, in this process, on a loopback port. */
export async function startStudio(env: Record<string, string> = {}): Promise<LocalStudio> {
  const printed: string[] = [];
  const logs = captureLogs('info');
  const clock = new ManualClock();
  const { server } = createStudioServer(registerStudioAuth, restify, {
    env: readEnv({ NODE_ENV: 'test', ...env }),
    log: logs.log,
    clock: clock.now,
    print: (line) => printed.push(line),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    printed,
    logs,
    clock,
    link: () => {
      const last = printed[printed.length - 1] ?? '';
      const m = /(https?:\/\/\S+\/studio\/login\?token=\S+)$/.exec(last);
      if (!m) throw new Error(`no sign-in link printed; printed: ${JSON.stringify(printed)}`);
      return m[1];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
