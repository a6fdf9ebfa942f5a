import fs from 'node:fs';
import path from 'node:path';
import { asList, durationMs, normalise, readScript, type Script, type ScriptTurn } from './support/conversationScript';
import type { Driver } from './support/driver';
import { EngineDriver } from './support/engineDriver';
import { freshFlow, sharedFlow } from './support/sharedFlow';
import { conversationProblems, plainSpaces, splitStored } from './support/storedExpectations';

/**
 * Plays every test/conversations/*.yaml through the engine with the real SQLite persistence
 * (a `restart` reopens the database and reloads the journey, see support/engineDriver.ts), and
 * through the real server (restify + CloudAdapter + SQLite, replies captured at the channel's
 * serviceUrl; a `restart` starts a new server on the same data).
 */
const dir = path.join(__dirname, 'conversations');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
/** CONVERSATION_DRIVERS=engine (or http) plays one half only; the mutation run uses the engine. */
const only = process.env.CONVERSATION_DRIVERS?.split(',');


for (const file of files) {
  const script = readScript(path.join(dir, file));
  describe(`${file}: ${script.name}`, () => {
    for (const kind of script.drivers.filter((k) => !only || only.includes(k))) {
      test(kind === 'engine' ? 'through the engine' : 'through the HTTP server and adapter', () => play(script, kind), 120_000);
    }
  });
}

async function play(script: Script, kind: 'engine' | 'http'): Promise<void> {
  let now = Date.parse(script.now);
  const clock = () => new Date(now);
  const conversationId = `conv-${script.name.replace(/\W+/g, '-').toLowerCase()}`;
  const driver: Driver =
    kind === 'engine'
      ? new EngineDriver(sharedFlow(), clock, script.channel, conversationId, freshFlow, script.locale)
      : // Loaded only when used: botbuilder and restify take seconds to load (the mutation runs play the engine half only).
        new (require('./support/drivers') as typeof import('./support/drivers')).HttpDriver(sharedFlow(), clock, script.channel, conversationId, script.locale);
  await driver.start();
  try {
    for (const [i, turn] of script.turns.entries()) {
      if ('advance' in turn) now += durationMs(turn.advance);
      else if ('restart' in turn) await driver.restart();
      else await checkTurn(driver, turn, i + 1);
    }
    const stored = await driver.stored();
    if (script.stored_count !== undefined) expect(stored).toHaveLength(script.stored_count);
    expect(conversationProblems(stored, conversationId)).toEqual([]);
    if (script.stored || script.stored_absent) {
      expect(stored.length).toBeGreaterThan(0);
      const need = stored[stored.length - 1];
      for (const table of ['Besoins', 'Structures'] as const) {
        const { plain, problems } = splitStored(need[table], script.stored?.[table] ?? {}, table);
        expect(problems).toEqual([]);
        expect(plainSpaces(need[table])).toMatchObject(plainSpaces(plain));
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
