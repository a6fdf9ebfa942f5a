import { recommend } from '../domain';
import type { ConversationState, StoredAnswer } from '../engine/state';
import { type Walk, walk } from '../engine/walk';
import { type Flow, fieldOf } from '../flow/model';
import { addCells, addChange } from './cells';
import { durationBucket } from './durations';
import type { InsightEvent } from './events';
import { type FlagName, type InsightsTrack, SUMMARY_NODE } from './track';

/** What the transport knows of a turn once the engine ran it. */
export interface TurnFacts {
  /** The flow of the journey's version. */
  flow: Flow;
  version: number;
  /** The channel's name (`ChannelName`: 'Site web', 'Teams', 'Slack', 'Emulator'). */
  channel: string;
  /** The conversation's language after the turn. */
  lang: string;
  now: Date;
  /** The engine's phase after the turn. */
  phase: 'idle' | 'asking' | 'summary' | 'done';
  /** The answers after the turn. */
  answers: Record<string, StoredAnswer>;
  events: readonly InsightEvent[];
  /**
   * A short need after an early "not for you" (a decisive criterion certainly not met): the journey
   * stops at that criterion, and only the flow's `not_eligible_fields` are asked (`asking`: the
   * one asked now).
   */
  shortNeed?: { criterion: string; asking?: string };
}

export interface Advanced {
  /** The track to keep in the conversation's state (undefined: none yet). */
  track: InsightsTrack | undefined;
  /** Counter changes by full cell key (cells.ts), never zero. */
  changes: Map<string, number>;
}

const FLAG_OF = { reprompt: 'reprompted', why: 'why', skip: 'skipped' } as const satisfies Record<string, FlagName>;
const minuteOf = (d: Date): number => Math.floor(d.getTime() / 60_000);

/**
 * One turn of a conversation's track, a pure function: the contribution of the journey is
 * recomputed from the answers (the real walk: a question counts only while it applies), flags
 * are added from the events, and the changes are new − old, so a question asked again is never
 * counted twice and nothing is ever subtracted that was not added.
 *
 * `basisLost`: the previous change of this track is known not to have been stored (a crash lost
 * it); the journey then stops being counted (status `lost`) rather than build on counts that do
 * not exist. `dayOf` gives the operator's day of an instant.
 */
export function advanceTrack(previous: InsightsTrack | undefined, facts: TurnFacts, dayOf: (at: Date) => string, basisLost = false): Advanced {
  const changes = new Map<string, number>();
  // `journey` is the previous journey's track as this turn leaves it; `fresh` a journey begun this turn.
  const journey: InsightsTrack | undefined = previous && (basisLost && previous.status === 'open' ? { ...previous, status: 'lost' } : { ...previous });
  let fresh: InsightsTrack | undefined;
  const early: InsightEvent[] = [];
  const openOne = () => (fresh ?? (journey?.status === 'open' ? journey : undefined));

  for (const event of facts.events) {
    const open = openOne();
    switch (event.kind) {
      case 'reprompt':
      case 'why':
      case 'skip':
        if (!facts.flow.stepById.has(event.step)) break;
        if (open) setFlag(open, FLAG_OF[event.kind], event.step);
        else early.push(event);
        break;
      case 'callback':
        if (open) open.callback = true;
        else if (journey?.status === 'done') journey.callback = true;
        else early.push(event);
        break;
      case 'cancel':
      case 'ending':
        if (open) close(open, event, facts.flow);
        else if (journey?.status === 'lost') journey.status = 'closed';
        break;
    }
  }

  const open = openOne();
  if (open && (facts.phase === 'idle' || open.version !== facts.version)) {
    // The journey under way ended without saying how (or its version changed): it stops there.
    close(open, { kind: 'cancel' }, facts.flow);
  } else if (open) {
    follow(open, facts);
  } else if (journey?.status === 'lost' && facts.phase === 'idle') {
    journey.status = 'closed';
  }

  const underWay = facts.phase === 'asking' || facts.phase === 'summary';
  const current = openOne() ?? journey;
  if (underWay && (!current || current.status === 'done' || current.status === 'closed')) {
    fresh = begin(facts, dayOf);
    for (const e of early) {
      if (e.kind === 'callback') fresh.callback = true;
      else if (e.kind !== 'cancel' && e.kind !== 'ending') setFlag(fresh, FLAG_OF[e.kind], e.step);
    }
    follow(fresh, facts);
  }

  // A lost journey no longer changes the counters; every other one moves from its old cells to its new ones.
  if (journey && previous && journey.status !== 'lost' && previous.status !== 'lost') addChange(changes, previous, journey);
  addCells(changes, fresh, 1);
  return { track: fresh ?? journey, changes };
}

function setFlag(t: InsightsTrack, flag: FlagName, step: string): void {
  if (!t[flag].includes(step)) t[flag] = [...t[flag], step];
}

function begin(facts: TurnFacts, dayOf: (at: Date) => string): InsightsTrack {
  return {
    version: facts.version,
    day: dayOf(facts.now),
    channel: facts.channel,
    lang: facts.lang,
    startedAt: facts.now.getTime(),
    status: 'open',
    reprompted: [],
    why: [],
    skipped: [],
    callback: false,
    contribution: { answered: [] },
  };
}

/** An open journey after this turn: its path and frontier from the answers, or its outcome once completed. */
function follow(t: InsightsTrack, facts: TurnFacts): void {
  t.lang = facts.lang;
  const w = walk(facts.flow, facts.answers, facts.now);
  const answered = w.path.map((s) => s.id);
  if (facts.shortNeed) return followShortNeed(t, facts, w, answered);
  if (facts.phase === 'done') {
    const rec = recommend(facts.flow.rules, w.values);
    const failed = rec.eligible ? [] : rec.unmet.filter((c) => c.blocking !== false).map((c) => c.id);
    t.status = 'done';
    t.contribution = {
      answered: [...answered, SUMMARY_NODE],
      outcome: { programme: rec.primary.value, ...(failed.length ? { failed } : {}), durationBucket: durationBucket(facts.now.getTime() - t.startedAt) },
    };
    return;
  }
  const frontier = w.next.kind === 'step' ? w.next.step.id : w.next.kind === 'summary' ? SUMMARY_NODE : undefined;
  t.contribution = frontier ? { answered, frontier, at: minuteOf(facts.now) } : { answered };
}

/** The `shortNeed` fact of a conversation's state (a short need under way or recorded), if any. */
export function shortNeedOf(state: ConversationState): Pick<TurnFacts, 'shortNeed'> {
  const early = state.notEligible;
  if (!early?.short) return {};
  return { shortNeed: { criterion: early.criterion, ...(state.phase === 'asking' && state.asking ? { asking: state.asking } : {}) } };
}

/**
 * A short need: the path up to the decisive criterion, then the contact questions it asks (no
 * summary); once recorded, not eligible for that criterion alone (the questions left unasked
 * decide nothing).
 */
function followShortNeed(t: InsightsTrack, facts: TurnFacts, w: Walk, path: string[]): void {
  const { criterion, asking } = facts.shortNeed!;
  const fields = new Set(facts.flow.settings.not_eligible_fields);
  const contact = facts.flow.steps.filter((s) => fields.has(fieldOf(s)) && facts.answers[fieldOf(s)] !== undefined).map((s) => s.id);
  const answered = [...path, ...contact.filter((id) => !path.includes(id) && id !== asking)];
  if (facts.phase === 'done') {
    const rec = recommend(facts.flow.rules, w.values);
    t.status = 'done';
    t.contribution = { answered, outcome: { programme: rec.primary.value, failed: [criterion], durationBucket: durationBucket(facts.now.getTime() - t.startedAt) } };
    return;
  }
  t.contribution = asking ? { answered, frontier: asking, at: minuteOf(facts.now) } : { answered };
}

/** Closes an open journey: cancelled where it stands, or at an early ending with the path it had. */
function close(t: InsightsTrack, event: Extract<InsightEvent, { kind: 'cancel' | 'ending' }>, flow: Flow): void {
  t.status = 'closed';
  if (event.kind === 'cancel') {
    const { answered, frontier, outcome } = t.contribution;
    t.contribution = frontier ? { answered, frontier, cancelled: true } : { answered, ...(outcome ? { outcome } : {}) };
    return;
  }
  const answered = event.path.filter((id) => flow.stepById.has(id));
  t.contribution = { answered, outcome: { ending: event.ending } };
}
