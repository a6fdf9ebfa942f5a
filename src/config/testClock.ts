import { z } from 'zod';
import type { Env } from './env';

const instant = z.iso.datetime({ offset: true });

/**
 * TEST_CLOCK_START=<ISO instant> moves the server's clock for tests of the built process: it
 * starts at that instant and runs in real time, so that what a test expects ("d'ici fin mars" is
 * the next 31 March) does not depend on the day it runs. Only with NODE_ENV=test: anywhere else a
 * moved clock would date real needs wrongly, so it is refused, not ignored.
 */
export function testClock(start: string | undefined, nodeEnv: Env['NODE_ENV'], realNow: () => number = Date.now): (() => Date) | undefined {
  if (start === undefined || start === '') return undefined;
  if (nodeEnv !== 'test') {
    throw new Error(`TEST_CLOCK_START is set but NODE_ENV is ${nodeEnv}: the test clock is only honoured with NODE_ENV=test. Unset TEST_CLOCK_START.`);
  }
  if (!instant.safeParse(start).success) {
    throw new Error(`TEST_CLOCK_START: "${start}" is not an ISO instant with a time zone (e.g. 2026-11-23T10:00:00+01:00).`);
  }
  const offset = Date.parse(start) - realNow();
  return () => new Date(realNow() + offset);
}
