/**
 * The arbitration between an answer and a command said in a sentence (src/engine/intents.ts),
 * by the question on screen, with the journey's own commands.yaml; then asking back, through the
 * engine.
 */
import { readSentence } from '../../src/engine/intents';
import { runTurn, type TurnInput } from '../../src/engine/machine';
import { type ConversationState, initialState } from '../../src/engine/state';
import { Turn } from '../../src/engine/turn';
import { plainText } from '../../src/engine/userText';
import { sharedFlow } from '../support/channelHarness';

const flow = sharedFlow();
const NOW = new Date('2026-11-23T09:00:00Z');
const env = { now: NOW, conversationId: 'arbitration', channel: 'Site web' as const, nextReference: () => 'PBL-2026-00001' };


/** Answers up to the step asked (legal form "Autre" so that the social purpose question is asked). */
const ANSWERS: ConversationState['answers'] = {
  consent: { v: true },
  name: { v: 'Les Jardins Partagés' },
  legal_form: { v: 'Autre' },
  structure_id: { v: null },
  postcode: { v: { postcode: '75011', town: 'Paris' } },
  creation_year: { v: 2012 },
  employees: { v: 2 },
  volunteers: { v: 40 },
  annual_budget: { v: null },
  causes: { v: ['Culture'] },
  website: { v: null },
  social_purpose: { v: true },
  financial_situation: { v: 'Stable' },
  people_available: { v: 3 },
  description: { v: 'Un site web' },
  domains: { v: ['Numérique et outils'] },
  tried: { v: null },
  nature: { v: 'Ponctuel' },
  deadline: { v: null },
  provider_budget: { v: null },
  contact_name: { v: 'Camille Martin' },
  email: { v: 'camille@example.org' },
  phone: { v: null },
};
const ORDER = Object.keys(ANSWERS);

/** A turn with the question `step` on screen (every answer before it given). */
function at(step: string, extra: Partial<ConversationState> = {}): Turn {
  const answers = Object.fromEntries(ORDER.slice(0, ORDER.indexOf(step)).map((k) => [k, ANSWERS[k]]));
  const state: ConversationState = { ...initialState('fr'), phase: 'asking', asking: step, answers, consentAt: NOW.toISOString(), ...extra };
  return new Turn(flow, state, env);
}

function atSummary(): Turn {
  return new Turn(flow, { ...initialState('fr'), phase: 'summary', answers: { ...ANSWERS }, consentAt: NOW.toISOString() }, env);
}

describe('on a free-text question the answer wins, unless the message is only the command', () => {
  test.each([
    ["je voudrais parler à quelqu'un", 'human'],
    ["I'd rather talk to a person", 'human'],
    ['pourquoi vous me demandez ça ?', 'why'],
  ])('%j → the command %s', (text, command) => {
    expect(readSentence(at('description'), text)).toEqual({ kind: 'command', cmd: { name: command } });
  });

  test('a description that mentions a call back is the description, and the bot will say so', () => {
    expect(readSentence(at('description'), "Nous voulons un site web, et j'aimerais aussi qu'on me rappelle pour en parler.")).toEqual({ kind: 'answer', mentions: 'human' });
  });

  test('a description with the words of a command but no request is just an answer', () => {
    expect(readSentence(at('description'), "Nous voulons qu'on nous rappelle les échéances de nos subventions")).toEqual({ kind: 'answer' });
  });
});

describe('on another question', () => {
  test('only the command, surely: it acts even where a parser reads a value in its words ("quelqu\'un" is one)', () => {
    expect(readSentence(at('employees'), "je voudrais parler à quelqu'un")).toEqual({ kind: 'command', cmd: { name: 'human' } });
    expect(readSentence(at('deadline'), 'rappelez-moi demain')).toEqual({ kind: 'command', cmd: { name: 'human' } });
  });

  test('the command with more that is not an answer: it acts', () => {
    expect(readSentence(at('employees'), "I'd like to talk to a person about our project")).toEqual({ kind: 'command', cmd: { name: 'human' } });
  });

  test('the command with more that answers the question: the answer wins, and the bot will say so', () => {
    expect(readSentence(at('legal_form'), "I'd like to talk to a person about our association")).toEqual({ kind: 'answer', mentions: 'human' });
  });

  test.each([
    ['social_purpose', "Oui, mais je préfère qu'on me rappelle"],
    ['legal_form', 'We are a charity. Can I talk to a person?'],
    ['legal_form', "C'est une association, je voudrais parler à quelqu'un"],
  ])('unsure (the command beside other words) at %s: %j is asked back', (step, text) => {
    expect(readSentence(at(step), text)).toEqual({ kind: 'ask', cmd: { name: 'human' } });
  });

  test('"ok" is no command (an example without words matches only itself)', () => {
    expect(readSentence(at('consent'), 'ok')).toEqual({ kind: 'answer' });
    expect(readSentence(at('consent'), '?')).toEqual({ kind: 'command', cmd: { name: 'help' } });
  });

  test('an address is not read for commands ("contact(at)…" is no request to be contacted)', () => {
    expect(readSentence(at('email'), 'contact(at)petitescantines.fr')).toEqual({ kind: 'answer' });
  });
});

describe('commands that mean nothing where the conversation stands are answers', () => {
  test('a call back already asked for', () => {
    expect(readSentence(at('employees', { callback: { reference: 'PBL-2026-00001' } }), "je préfère qu'on me rappelle")).toEqual({ kind: 'answer' });
  });

  test('"confirm" before the summary, "resume" with no offer to resume', () => {
    expect(readSentence(at('employees'), 'vous pouvez envoyer')).toEqual({ kind: 'answer' });
    expect(readSentence(at('employees'), 'on reprend')).toEqual({ kind: 'answer' });
  });
});

describe('at the summary', () => {
  test('a confirmation with more words confirms; an unsure request is asked back', () => {
    expect(readSentence(atSummary(), 'oui tout est bon, vous pouvez envoyer')).toEqual({ kind: 'command', cmd: { name: 'confirm' } });
    expect(readSentence(atSummary(), "Oui, mais je préfère qu'on me rappelle")).toEqual({ kind: 'ask', cmd: { name: 'human' } });
  });
});

describe('asking back, through the engine', () => {
  function conversation(step: string) {
    let state: ConversationState = at(step).state;
    return (input: TurnInput | string) => {
      const r = runTurn(flow, state, typeof input === 'string' ? { kind: 'message', text: input } : input, env);
      state = JSON.parse(JSON.stringify(r.state)) as ConversationState;
      return { ...r, said: r.messages.map((m) => plainText(m.text)).join('\n'), state };
    };
  }

  test('one line with a button for each; "C\'est ma réponse" reads the sentence as the answer', () => {
    const say = conversation('social_purpose');
    const asked = say("Oui, mais je préfère qu'on me rappelle");
    expect(asked.messages).toEqual([
      {
        type: 'question',
        text: "Voulez-vous être rappelé par l'équipe, ou est-ce votre réponse\u202f?",
        stepId: 'intent',
        actions: [
          { value: 'Être rappelé', label: 'Être rappelé' },
          { value: "C'est ma réponse", label: "C'est ma réponse" },
        ],
      },
    ]);
    expect(asked.state.answers.social_purpose).toBeUndefined();
    const answered = say("C'est ma réponse");
    expect(answered.state.answers.social_purpose).toEqual({ v: true });
    expect(answered.state.callback).toBeUndefined();
    expect(answered.said).toContain('situation financière');
  });

  test('the command\'s button (or "oui") runs the command', () => {
    const say = conversation('social_purpose');
    say("Oui, mais je préfère qu'on me rappelle");
    const called = say('oui');
    expect(called.state.callback).toEqual({});
    expect(called.said).toContain("un membre de l'équipe va vous rappeler");
    expect(called.state.answers.social_purpose).toBeUndefined();
  });

  test('anything else is a new message, read as usual', () => {
    const say = conversation('social_purpose');
    say("Oui, mais je préfère qu'on me rappelle");
    const next = say('non');
    // "non" to "do you want a call back or is it your answer?" is: it was my answer.
    expect(next.state.answers.social_purpose).toEqual({ v: true });
    const other = conversation('social_purpose');
    other("Oui, mais je préfère qu'on me rappelle");
    const plain = other('nous sommes une SCOP');
    expect(plain.state.pending).toBeUndefined();
    expect(plain.state.intent).toBeUndefined();
    expect(plain.state.answers.social_purpose).toBeUndefined();
    expect(plain.said).toContain('Répondez simplement par «\u00a0oui\u00a0» ou par «\u00a0non\u00a0».');
  });
});
