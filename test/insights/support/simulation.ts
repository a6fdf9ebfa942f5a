import fc from 'fast-check';
import { conditionFields } from '../../../src/domain/conditions';
import type { StoredAnswer } from '../../../src/engine/state';
import { walk } from '../../../src/engine/walk';
import type { Flow } from '../../../src/flow/model';
import { advanceTrack, type TurnFacts } from '../../../src/insights/advance';
import { mergeChanges } from '../../../src/insights/cells';
import type { InsightEvent } from '../../../src/insights/events';
import { type InsightsTrack, SUMMARY_NODE } from '../../../src/insights/track';
import { valueFor } from './randomFlow';

/**
 * Conversations played at the track level: each op is one turn of one conversation, as the
 * engine would leave it (phase, answers, events). The simulation keeps, beside the tracks, what
 * an independent observer knows of each journey (its answers, how it ended, its flags), from
 * which the expected counters are recomputed without the code under test.
 */
export type OpKind = 'start' | 'answer' | 'skip' | 'reprompt' | 'why' | 'edit' | 'back' | 'cancel' | 'restart' | 'confirm' | 'callback' | 'lang' | 'noop' | 'idle';
export interface Op {
  kind: OpKind;
  conv: number;
  a: number;
  b: number;
  /** Minutes since the previous op (large for 'idle'). */
  gap: number;
  /** This turn's changes never reach the counters (a crash before the flush). */
  lost: boolean;
}

export const opArb = (withCrashes: boolean): fc.Arbitrary<Op> =>
  fc.record({
    kind: fc.oneof(
      { weight: 8, arbitrary: fc.constant<OpKind>('answer') },
      { weight: 4, arbitrary: fc.constant<OpKind>('edit') },
      { weight: 2, arbitrary: fc.constantFrom<OpKind>('skip', 'reprompt', 'why') },
      { weight: 1, arbitrary: fc.constantFrom<OpKind>('confirm', 'start', 'back', 'cancel', 'restart', 'callback', 'lang', 'noop', 'idle') },
    ),
    conv: fc.nat(2),
    a: fc.nat(100),
    b: fc.nat(100),
    gap: fc.nat(3),
    lost: withCrashes ? fc.nat(9).map((n) => n < 2) : fc.constant(false),
  });

/** What an observer knows of one journey. */
export interface Journey {
  answers: Record<string, StoredAnswer>;
  /** How it stands: open, completed, cancelled, or ended early (with the path it had). */
  end?: { kind: 'done' } | { kind: 'cancelled' } | { kind: 'ending'; path: string[] };
  flags: { reprompted: Set<string>; why: Set<string>; skipped: Set<string> };
  /** A turn of it was lost: the counters can no longer be predicted for it. */
  unpredictable: boolean;
}

interface Conversation {
  phase: TurnFacts['phase'];
  answers: Record<string, StoredAnswer>;
  lang: string;
  track?: InsightsTrack;
  journey?: Journey;
  /** The previous turn's changes were lost: the next one finds its basis missing. */
  basisLost: boolean;
}

export const CHANNELS = ['Site web', 'Teams', 'Slack'];
const START = Date.UTC(2026, 10, 23, 21, 0); // spans a day boundary in UTC within a run
const dayOf = (at: Date) => at.toISOString().slice(0, 10);

export class Simulation {
  readonly counters = new Map<string, number>();
  readonly journeys: Journey[] = [];
  private readonly conversations: Conversation[] = [];
  private minute = Math.floor(START / 60_000);

  /** The answers that some question's condition reads. */
  private readonly conditioning: Set<string>;

  constructor(readonly flow: Flow) {
    this.conditioning = new Set(flow.steps.flatMap((st) => (st.when ? conditionFields(st.when) : [])));
  }

  get now(): Date {
    return new Date(this.minute * 60_000);
  }

  play(op: Op): void {
    this.minute += op.kind === 'idle' ? 30 + op.a * 3 : op.gap;
    if (op.kind === 'idle') return;
    const c = (this.conversations[op.conv] ??= { phase: 'idle', answers: {}, lang: 'fr', basisLost: false });
    const before = c.journey;
    const events = this.act(c, op);
    const channel = CHANNELS[op.conv % CHANNELS.length];
    const facts: TurnFacts = { flow: this.flow, version: 1, channel, lang: c.lang, now: this.now, phase: c.phase, answers: c.answers, events };
    // The recorder finds the basis of an open track missing after a lost turn (recorder.ts).
    const { track, changes } = advanceTrack(c.track, facts, dayOf, c.basisLost && c.track?.status === 'open');
    if (op.lost) {
      c.basisLost = true;
      for (const j of [before, c.journey]) if (j) j.unpredictable = true;
    } else {
      c.basisLost = false;
      mergeChanges(this.counters, changes);
    }
    // A track that changed is saved with a batch (the recorder's job); its identity does not matter here.
    c.track = track && changes.size ? { ...track, batch: { writer: 'sim', seq: 1 } } : track;
  }

  /** Plays the user's move on the conversation, as the engine would; returns its events. */
  private act(c: Conversation, op: Op): InsightEvent[] {
    const events: InsightEvent[] = [];
    const w = () => walk(this.flow, c.answers, this.now);
    const frontier = () => {
      const next = w().next;
      return next.kind === 'step' ? next.step : undefined;
    };
    const underWay = c.phase === 'asking' || c.phase === 'summary';
    switch (op.kind) {
      case 'start':
        if (c.phase === 'idle') this.begin(c);
        break;
      case 'answer': {
        // A message while no journey is under way starts one, as the engine does.
        if (c.phase === 'idle') return this.begin(c), events;
        const step = c.phase === 'asking' ? frontier() : undefined;
        if (step) {
          c.answers = { ...c.answers, [step.id]: { v: valueFor(step, op.a) } };
          this.settle(c, events);
        }
        break;
      }
      case 'skip': {
        const step = c.phase === 'asking' ? frontier() : undefined;
        if (step?.optional) {
          c.answers = { ...c.answers, [step.id]: { v: null } };
          events.push({ kind: 'skip', step: step.id });
          this.flag(c, 'skipped', step.id);
          this.settle(c, events);
        }
        break;
      }
      case 'reprompt':
      case 'why': {
        // At the question on screen: the frontier, or an earlier one asked again ("retour").
        const path = w().path;
        const step = op.b % 2 && path.length ? path[op.a % path.length] : frontier();
        if (c.phase === 'asking' && step) {
          events.push({ kind: op.kind, step: step.id });
          this.flag(c, op.kind === 'why' ? 'why' : 'reprompted', step.id);
        }
        break;
      }
      case 'edit': {
        const path = w().path;
        if (underWay && path.length) {
          // Mostly an answer some question's condition reads: what applies after it may change.
          const read = path.filter((st) => this.conditioning.has(st.id));
          const among = read.length && op.b % 4 ? read : path;
          const step = among[op.a % among.length];
          // Another answer than the current one ("modifier"): what applies after it may change.
          const was = c.answers[step.id]?.v;
          const v = valueFor(step, op.b) === was ? valueFor(step, op.b + 1) : valueFor(step, op.b);
          c.answers = { ...c.answers, [step.id]: { v } };
          this.settle(c, events);
        }
        break;
      }
      case 'cancel':
        if (underWay) {
          events.push({ kind: 'cancel' });
          this.close(c, { kind: 'cancelled' });
          c.phase = 'idle';
          c.answers = {};
        }
        break;
      case 'restart':
        if (c.phase !== 'idle') {
          events.push({ kind: 'cancel' });
          if (underWay) this.close(c, { kind: 'cancelled' });
        }
        this.begin(c);
        break;
      case 'confirm':
        if (c.phase === 'summary') {
          c.phase = 'done';
          this.close(c, { kind: 'done' });
        }
        break;
      case 'callback':
        events.push({ kind: 'callback' });
        break;
      case 'lang':
        c.lang = c.lang === 'fr' ? 'en' : 'fr';
        break;
      case 'back':
      case 'noop':
        break;
    }
    return events;
  }

  private begin(c: Conversation): void {
    c.phase = 'asking';
    c.answers = {};
    c.journey = { answers: c.answers, flags: { reprompted: new Set(), why: new Set(), skipped: new Set() }, unpredictable: false };
    this.journeys.push(c.journey);
    this.settle(c, []);
  }

  /** After an answer: an early ending, the summary, or the next question. */
  private settle(c: Conversation, events: InsightEvent[]): void {
    const w = walk(this.flow, c.answers, this.now);
    if (c.journey) c.journey.answers = c.answers;
    if (w.next.kind === 'ending') {
      const path = w.path.map((s) => s.id);
      events.push({ kind: 'ending', ending: w.next.id, path });
      this.close(c, { kind: 'ending', path });
      c.phase = 'idle';
      c.answers = {};
    } else c.phase = w.next.kind === 'summary' ? 'summary' : 'asking';
  }

  private close(c: Conversation, end: NonNullable<Journey['end']>): void {
    if (c.journey && !c.journey.end) c.journey.end = end;
  }

  private flag(c: Conversation, name: keyof Journey['flags'], step: string): void {
    if (c.journey && !c.journey.end) c.journey.flags[name].add(step);
  }

  /** The nodes an observer expects each journey to count: per node, how many journeys reached, answered, stand there… */
  expectedNodeCounts(journeys = this.journeys): Map<string, Record<string, number>> {
    const out = new Map<string, Record<string, number>>();
    const bump = (node: string, metric: string) => {
      const row = out.get(node) ?? {};
      row[metric] = (row[metric] ?? 0) + 1;
      out.set(node, row);
    };
    for (const j of journeys) {
      let answered: string[];
      let frontier: string | undefined;
      if (j.end?.kind === 'ending') answered = j.end.path;
      else {
        const w = walk(this.flow, j.answers, this.now);
        answered = w.path.map((s) => s.id);
        if (j.end?.kind === 'done') answered.push(SUMMARY_NODE);
        else frontier = w.next.kind === 'step' ? w.next.step.id : w.next.kind === 'summary' ? SUMMARY_NODE : undefined;
      }
      for (const node of answered) bump(node, 'reached'), bump(node, 'answered');
      if (frontier) bump(frontier, 'reached'), bump(frontier, j.end?.kind === 'cancelled' ? 'cancelled' : 'frontier');
      const reached = new Set([...answered, ...(frontier ? [frontier] : [])]);
      for (const [flag, nodes] of Object.entries(j.flags)) for (const node of nodes) if (reached.has(node)) bump(node, flag);
    }
    return out;
  }
}
