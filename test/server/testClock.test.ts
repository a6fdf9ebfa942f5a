import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testClock } from '../../src/config/testClock';
import { BotProcess, freePort } from '../support/botProcess';

/** TEST_CLOCK_START: the built server's clock for tests, and only for tests. */
describe('the test clock (TEST_CLOCK_START)', () => {
  test('starts at the given instant and runs on in real time', () => {
    let real = Date.parse('2031-05-05T00:00:00Z');
    const clock = testClock('2026-11-23T10:00:00+01:00', 'test', () => real)!;
    expect(clock().toISOString()).toBe('2026-11-23T09:00:00.000Z');
    real += 90_000;
    expect(clock().toISOString()).toBe('2026-11-23T09:01:30.000Z');
  });

  test('unset or empty: no clock, the real one is used', () => {
    expect(testClock(undefined, 'test')).toBeUndefined();
    expect(testClock('', 'production')).toBeUndefined();
  });

  test.each(['development', 'production'] as const)('refused with NODE_ENV=%s, saying why', (nodeEnv) => {
    expect(() => testClock('2026-11-23T10:00:00Z', nodeEnv)).toThrow(`TEST_CLOCK_START is set but NODE_ENV is ${nodeEnv}`);
  });

  test.each(['2026-11-23', 'tomorrow', '2026-11-23T10:00:00'])('"%s" is refused: an instant with its time zone is required', (start) => {
    expect(() => testClock(start, 'test')).toThrow(`TEST_CLOCK_START: "${start}" is not an ISO instant`);
  });

  test('the server process refuses to start with a test clock outside NODE_ENV=test', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-clock-'));
    const bot = new BotProcess(await freePort(), dataDir, '2026-11-23T10:00:00+01:00');
    try {
      bot.start({ NODE_ENV: 'development' });
      expect(await bot.exitCode()).toBe(1);
      expect(bot.output).toContain('TEST_CLOCK_START is set but NODE_ENV is development');
    } finally {
      await bot.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
