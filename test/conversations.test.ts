import fs from 'node:fs';
import path from 'node:path';
import { warmUpRecognizers } from '../src/answers';
import { sharedFlow } from './support/channelHarness';
import { asList, durationMs, normalise, readScript, type Script, type ScriptTurn } from './support/conversationScript';
import { type Driver, EngineDriver, HttpDriver } from './support/drivers';

/**
 * Plays every test/conversations/*.yaml, straight through the engine and through the real
 * server (restify + CloudAdapter + SQLite, replies captured at the channel's serviceUrl).
 */
const dir = path.join(__dirname, 'conversations');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

beforeAll(async () => {
  await warmUpRecognizers();
}, 180_000);

for (const file of files) {
  const script = readScript(path.join(dir, file));
  describe(`${file}: ${script.name}`, () => {
    for (const kind of script.drivers) {
      test(kind === 'engine' ? 'through the engine' : 'through the HTTP server and adapter', () => play(script, kind), 120_000);
    }
  });
}

async function play(script: Script, kind: 'engine' | 'http'): Promise<void> {
  let now = Date.parse(script.now);
  const clock = () => new Date(now);
  const conversationId = `conv-${script.name.replace(/\W+/g, '-').toLowerCase()}`;
  const DriverClass = kind === 'engine' ? EngineDriver : HttpDriver;
  const driver: Driver = new DriverClass(sharedFlow(), clock, script.channel, conversationId, script.locale);
  await driver.start();
  try {
    for (const [i, turn] of script.turns.entries()) {
      if ('advance' in turn) now += durationMs(turn.advance);
      else if ('restart' in turn) await driver.restart();
      else await checkTurn(driver, turn, i + 1);
    }
    const stored = await driver.stored();
    if (script.stored_count !== undefined) expect(stored).toHaveLength(script.stored_count);
    if (script.stored || script.stored_absent) {
      expect(stored.length).toBeGreaterThan(0);
      const need = stored[stored.length - 1];
      for (const table of ['Besoins', 'Structures'] as const) {
        expect(need[table]).toMatchObject(script.stored?.[table] ?? {});
        for (const field of script.stored_absent?.[table] ?? []) expect(need[table]).not.toHaveProperty([field]);
      }
    }
  } finally {
    await driver.stop();
  }
}

async function checkTurn(driver: Driver, turn: Exclude<ScriptTurn, { advance: string } | { restart: true }>, n: number): Promise<void> {
  const said =
    'user' in turn ? `user: ${turn.user}` : 'submit' in turn ? `submit: ${JSON.stringify(turn.submit)}` : 'join';
  const replies = await driver.send(
    'user' in turn ? { kind: 'message', text: turn.user } : 'submit' in turn ? { kind: 'message', value: turn.submit } : { kind: 'start' },
  );
  const seen = normalise(replies.join('\n'));
  const shown = () => `turn ${n} (${said}); the bot said:\n${replies.join('\n---\n') || '(nothing)'}`;
  for (const expected of asList(turn.bot)) {
    if (!seen.includes(normalise(expected))) throw new Error(`expected "${expected}" at ${shown()}`);
  }
  for (const unwanted of asList(turn.not)) {
    if (seen.includes(normalise(unwanted))) throw new Error(`did not expect "${unwanted}" at ${shown()}`);
  }
}
