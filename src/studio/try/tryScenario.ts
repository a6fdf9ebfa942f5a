import { Document } from 'yaml';
import type { Locale } from '../../answers/types';
import { capabilitiesOf } from '../../bot/channels';
import type { Scenario, ScenarioTurn } from '../../journey/scenarioSchema';
import { RENDER } from '../../journey/yamlText';
import type { StudioWords } from '../api/studioWords';
import type { TrySession } from './trySession';

/** The fields a saved try checks on the need it recorded: what staff care about when the journey changes. */
const KEPT_FIELDS = ['Programme recommandé', 'Éligible', 'Rappel demandé'] as const;

/**
 * A try as a scenario (the format of dialogs/scenarios/ and the conversation tests): its clock
 * (`now`, when it began), its channel, what was typed and clicked (a pause longer than the resume
 * delay as `advance`), and what must be stored: how many needs, and the programme recommended,
 * the eligibility and the call-back of the last one. A try in the language the journey does not
 * start in asks for it first, as a user would.
 */
export function tryScenario(session: TrySession, words: StudioWords, lang: Locale): { name: string; yaml: string } {
  const { flow } = session;
  const turns: ScenarioTurn[] = [];
  const pause = flow.settings.resume_after_minutes * 60_000;
  let last = session.startedAt.getTime();
  for (const { at, turn } of session.turns) {
    if (at - last >= pause) turns.push({ advance: `${Math.floor((at - last) / 60_000)}m` });
    last = at;
    turns.push(turn);
  }
  const start = flow.settings.default_language;
  if (session.lang !== start) {
    const ask = flow.commands[session.lang === 'en' ? 'english' : 'french'][start][0];
    turns.splice(turns[0] && 'join' in turns[0] ? 1 : 0, 0, { user: ask });
  }
  const need = session.needs[session.needs.length - 1];
  const stored = need && Object.fromEntries(KEPT_FIELDS.filter((f) => need.Besoins[f] !== undefined).map((f) => [f, need.Besoins[f]]));
  const name = words.say('try.scenario_name', lang, { started: minute(session.startedAt, flow.calendar.time_zone), channel: capabilitiesOf(session.channel).name, lang: session.lang });
  const scenario: Scenario = {
    name,
    now: session.startedAt.toISOString(),
    channel: session.channel,
    drivers: ['engine', 'http'],
    turns,
    stored_count: session.needs.length,
    ...(stored ? { stored: { Besoins: stored } } : {}),
  };
  const { drivers: _default, ...written } = scenario;
  const doc = new Document(written);
  doc.commentBefore = ' Saved from a try of the draft in the studio: what was typed and clicked, and what was stored.';
  return { name, yaml: doc.toString(RENDER) };
}

/** "2026-11-23 10:05" on the operator's clock (the Swedish format is ISO-like). */
const minute = (at: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(at);
