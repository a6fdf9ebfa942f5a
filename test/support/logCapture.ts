import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/log';

/** A real pino logger (with the production redaction) whose lines the test can read. */
export function captureLogs(level = 'debug'): { log: Logger; lines: () => Record<string, unknown>[]; raw: () => string } {
  let raw = '';
  const sink = new Writable({
    write(chunk, _enc, done) {
      raw += chunk.toString();
      done();
    },
  });
  const log = createLogger(level, sink);
  return {
    log,
    raw: () => raw,
    lines: () =>
      raw
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
