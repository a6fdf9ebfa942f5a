import { recommend } from '../domain';
import { fieldOf } from '../flow/model';
import { buildNeedRecord, checkNeedRecord, type RecordContext } from '../needs/buildRecord';
import type { NeedRecord } from '../needs/record';
import { formatAnswer } from './format';
import { collectingFields } from './callback';
import { render, type Vars } from './texts';
import type { Turn } from './turn';
import { userValue } from './userText';
import { displayVars } from './values';
import type { Walk } from './walk';

/** The summary to confirm, the recommendation, and recording the need. */

export function showSummary(t: Turn, w: Walk = t.walk()): void {
  if (w.next.kind !== 'summary') return t.advance();
  const s = t.state;
  s.phase = 'summary';
  s.asking = undefined;
  const colon = t.text('punctuation.colon');
  const items = w.path
    .filter((step) => step.summary !== false)
    .map((step) => {
      const answer = s.answers[fieldOf(step)];
      const shown = userValue(formatAnswer(t.flow, step, answer?.v, t.lang));
      // "une quarantaine" was noted as about 40: the summary says so too.
      const value = answer?.approx && answer.v !== null ? t.text('summary.approx', { value: shown }) : shown;
      const label = step.label[t.lang];
      return { field: step.id, label, value, editTooltip: t.text('summary.edit_item', { label }) };
    });
  const text = [t.text('summary.intro'), ...items.map((i) => `- ${i.label}${colon} ${i.value}`), '', t.text('summary.question')].join('\n');
  t.out.push({
    type: 'card',
    template: 'summary',
    text,
    data: {
      title: t.text('summary.title'),
      items,
      question: t.text('summary.question'),
      confirmLabel: t.text('summary.confirm_button'),
      // One "Modifier" for the card (it asks which answer); each row also opens its own answer.
      editLabel: t.text('summary.edit_button'),
      // Where the card is written as text (Slack), "label : value" takes the language's colon.
      colon,
    },
    actions: [t.button('summary.confirm_button'), t.button('summary.edit_button')],
  });
}

/** The user confirmed the summary: record, recommend, thank. */
export function complete(t: Turn): void {
  const w = t.walk();
  if (w.next.kind !== 'summary') return t.advance();
  // An evaluation records its answers, not a need: the transport reads them from the completed state.
  if (t.flow.kind === 'evaluation') return finish(t, () => t.say('thanks', t.vars(w)));
  const need = recordNeed(t, w, true);
  if (!need) return;
  const reference = t.recorded(need);
  finish(t, () => {
    recommendationMessage(t, w);
    t.say('thanks', { reference, email: userValue(need.Structures.Email ?? '') });
  });
}

function finish(t: Turn, thank: () => void): void {
  const s = t.state;
  s.completed = true;
  s.phase = 'done';
  s.asking = undefined;
  s.pending = undefined;
  thank();
}

/**
 * The need record at this point, under the conversation's reference or a new one. The record is
 * checked first with a placeholder: a record that would not validate never costs a reference; the
 * user is told, and the failing fields are kept for the transport's log.
 */
export function recordNeed(t: Turn, w: Walk, withRecommendation: boolean): NeedRecord | undefined {
  const context = (reference: string): RecordContext => {
    // A call back requested early: its contact answers come from further on in the journey.
    const contact = t.flow.steps.filter((s) => collectingFields(t).includes(fieldOf(s)) && !w.path.includes(s));
    return {
      reference,
      conversationId: t.env.conversationId,
      channel: t.env.channel,
      path: [...w.path, ...contact],
      values: w.values,
      recommendation: withRecommendation ? recommend(t.flow.rules, w.values) : undefined,
      staffVars: displayVars(t.flow, t.state, w.values, t.env.now, 'fr'),
    };
  };
  const problems = checkNeedRecord(t.flow, t.state, context(PLACEHOLDER_REFERENCE));
  if (problems.length) {
    t.invalidNeed = problems;
    t.say('need_invalid');
    return undefined;
  }
  return buildNeedRecord(t.flow, t.state, context(t.state.reference ?? t.env.nextReference()));
}

const PLACEHOLDER_REFERENCE = 'PENDING';

function recommendationMessage(t: Turn, w: Walk): void {
  const rec = recommend(t.flow.rules, w.values);
  const vars = t.vars(w);
  const lang = t.lang;
  const show = (p: typeof rec.primary) => ({
    name: p.name[lang],
    pitch: render(p.pitch, lang, vars),
    reasons: p.reasons.map((r) => render(r, lang, vars)),
  });
  const primary = show(rec.primary);
  const others = rec.others.map(show);
  const say = (k: string, v?: Vars) => t.text(k, v);
  const colon = say('punctuation.colon');
  // The name follows the intro on a line of its own (a heading in the card, where the eligible
  // intro is left out: the card's title already says it is our recommendation).
  const intro = rec.eligible ? say('recommendation.intro', { programme: primary.name }) : say('recommendation.not_eligible');
  const cardIntro = rec.eligible ? '' : intro;
  // Criteria that do not block (e.g. an uncovered territory) are worth saying, to a structure we will support.
  const notes = rec.eligible ? rec.unmet.filter((c) => c.blocking === false).map((c) => render(c.unmet, lang, vars)) : [];
  const lines = [intro, primary.name, primary.pitch, ...notes];
  if (primary.reasons.length) lines.push('', `${say('recommendation.reasons')}${colon}`, ...primary.reasons.map((r) => `- ${r}`));
  if (others.length) {
    lines.push('', `${say('recommendation.others')}${colon}`);
    for (const o of others) lines.push(`- ${o.name}${colon} ${o.pitch}`, ...o.reasons.map((r) => `  • ${r}`));
  }
  t.out.push({
    type: 'card',
    template: 'recommendation',
    text: lines.join('\n'),
    data: {
      title: say('recommendation.title'),
      intro: cardIntro,
      hasIntro: cardIntro !== '',
      notes,
      primary,
      reasonsTitle: say('recommendation.reasons'),
      othersTitle: say('recommendation.others'),
      others,
      hasOthers: others.length > 0,
      hasReasons: primary.reasons.length > 0,
    },
  });
}
