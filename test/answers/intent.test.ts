/**
 * Command intents inside sentences (issue 10, "Commands in people's own sentences"), both
 * languages. The examples below are dialogs/commands.yaml's words plus the additions proposed for
 * it (marked "+"): staff keep them there; the matcher takes them as a parameter.
 */
import { INTENT_ACT, INTENT_ASK, matchIntent, type IntentExamples } from '../../src/answers';

const EXAMPLES: IntentExamples = {
  fr: {
    help: ['aide', "a l'aide", 'help', 'je ne comprends pas', 'je comprends pas', '?',
      /* + */ 'je suis perdu', 'je suis perdue', 'je ne sais pas quoi repondre', 'comment ca marche'],
    why: ['pourquoi', 'pourquoi cette question', 'pourquoi ?', 'a quoi ca sert',
      /* + */ 'pour quoi faire', 'pourquoi vous demandez ca', 'pourquoi vous avez besoin de savoir', 'quel rapport'],
    back: ['retour', 'revenir', 'question precedente', 'precedent', 'revenir en arriere', 'retour en arriere',
      /* + */ "question d'avant"],
    edit: ['modifier', 'corriger', 'changer', 'je veux modifier', 'je voudrais modifier',
      /* + */ 'modifier une reponse', 'corriger une reponse', 'je me suis trompe', 'je me suis trompee'],
    restart: ['recommencer', 'tout recommencer', 'reprendre depuis le debut', 'nouvelle demande', 'recommencer a zero',
      /* + */ 'repartir de zero'],
    cancel: ['annuler', "j'arrete", 'stop', 'arreter', 'laisse tomber', 'abandonner', /* + */ 'annuler ma demande'],
    human: ["parler a quelqu'un", 'parler a une personne', 'parler a un humain', 'parler a un conseiller',
      'parler a une conseillere', "parler a l'equipe", "parler a un membre de l'equipe", 'un humain',
      'une vraie personne', 'etre rappele', 'etre rappelee', 'me rappeler', 'rappelez-moi', 'rappelez moi',
      'appelez-moi', 'appelez moi', 'me faire rappeler', 'conseiller', 'humain',
      /* + */ 'parler au telephone', 'par telephone', 'me telephoner', 'me contacter', "qu'on me contacte"],
    skip: ['passer', 'je passe', 'passer cette question', 'question suivante', 'je ne sais pas', 'je sais pas',
      'aucune idee', 'je prefere ne pas repondre'],
    resume: ['reprendre', 'continuer', 'on continue', 'je continue', "reprendre ou j'en etais"],
    greeting: ['bonjour', 'salut', 'hello', 'bonsoir', 'coucou', 'bonjour !', 'hey'],
    confirm: ['confirmer', 'je confirme', 'valider', 'je valide', "c'est bon", "ok c'est bon", "c'est tout bon",
      'tout est bon', 'tout est correct', "c'est correct", "c'est parfait", 'parfait', 'nickel', 'impeccable',
      'envoyer', 'vous pouvez envoyer'],
    erase: ['supprimer mes donnees', 'supprimez mes donnees', 'effacer mes donnees', 'effacez mes donnees',
      'supprimer mes informations', 'effacer mes informations', 'supprimer toutes mes donnees', 'oubliez-moi',
      'oubliez moi', "droit a l'oubli"],
  },
  en: {
    help: ['help', "i don't understand", '?', /* + */ "i'm lost", 'what do you mean', 'how does this work'],
    why: ['why', 'why do you ask', 'why this question',
      /* + */ 'why do you need this', 'what is this for', 'why are you asking', 'what is the point'],
    back: ['back', 'go back', 'previous', 'previous question', /* + */ 'the question before'],
    edit: ['edit', 'change', 'correct', 'modify', /* + */ 'change my answer', 'i made a mistake'],
    restart: ['restart', 'start again', 'start over', 'new request', /* + */ 'from scratch', 'start from the beginning'],
    cancel: ['cancel', 'stop', 'quit', 'give up', /* + */ 'forget it'],
    human: ['talk to someone', 'speak to someone', 'talk to a person', 'talk to a human', 'speak to a human', 'human',
      'call me back', 'call me', 'be called back', /* + */ 'a real person', 'phone me'],
    skip: ['skip', 'pass', "i don't know", 'next question', 'rather not say'],
    resume: ['resume', 'continue', 'carry on', 'keep going'],
    greeting: ['hello', 'hi', 'hey', 'good morning', 'good afternoon'],
    confirm: ['confirm', 'i confirm', 'submit', 'looks good', 'all good', 'send'],
    erase: ['delete my data', 'erase my data', 'remove my data', 'forget me', 'delete all my data',
      /* + */ 'erase my information', 'delete my information'],
  },
};

/** Clear requests: acted upon (confidence ≥ INTENT_ACT). [sentence, command, whole] */
const ACT: [string, string, boolean][] = [
  // French: human
  ["je préfère qu'on me rappelle", 'human', true],
  ["est-ce que quelqu'un peut m'appeler ?", 'human', true],
  ["je voudrais parler à quelqu'un", 'human', true],
  ["pouvez-vous me rappeler s'il vous plaît", 'human', true],
  ["j'aimerais être rappelée", 'human', true],
  ['Bonjour, je voudrais parler à un conseiller', 'human', true],
  ['est-ce que je peux parler à une vraie personne ?', 'human', true],
  ['rappelez-moi demain', 'human', true],
  ["on peut m'appeler plutôt ?", 'human', true],
  ['je préfère en parler au téléphone', 'human', true],
  ["il faudrait qu'on me rappelle", 'human', true],
  ["j'aimerais qu'un conseiller me contacte", 'human', true],
  ['vous pouvez me téléphoner ?', 'human', true],
  ['est-ce que je peux parler à un humain ?', 'human', true],
  // French: why
  ["c'est pour quoi faire ?", 'why', true],
  ['pourquoi vous me demandez ça', 'why', true],
  ['Pourquoi ?', 'why', true],
  ['à quoi ça sert ?', 'why', true],
  ['pourquoi cette question ?', 'why', true],
  ['mais pourquoi vous avez besoin de savoir ça ?', 'why', true],
  ['quel rapport ?', 'why', true],
  // French: back, restart, edit
  ["je veux revenir à la question d'avant", 'back', true],
  ['on peut revenir en arrière ?', 'back', true],
  ['retour à la question précédente', 'back', true],
  ['je voudrais revenir à la question précédente svp', 'back', true],
  ['on peut recommencer ?', 'restart', true],
  ['je voudrais tout recommencer', 'restart', true],
  ["est-ce qu'on peut reprendre depuis le début ?", 'restart', true],
  ['recommençons à zéro', 'restart', true],
  ['je voudrais modifier une réponse', 'edit', true],
  ['je me suis trompé, je veux corriger', 'edit', true],
  // French: erase, cancel, help, skip, resume
  ['je voudrais supprimer mes données', 'erase', true],
  ['pouvez-vous effacer mes données ?', 'erase', true],
  ["je veux qu'on supprime toutes mes informations", 'erase', true],
  ['je veux arrêter là', 'cancel', true],
  ['on arrête, laissez tomber', 'cancel', true],
  ['je préfère annuler ma demande', 'cancel', true],
  ["j'ai besoin d'aide", 'help', true],
  ['je suis perdue', 'help', true],
  ['aidez-moi svp', 'help', true],
  ['je ne comprends pas ce qu’il faut répondre', 'help', false],
  ['je préfère ne pas répondre à cette question', 'skip', true],
  ['je passe', 'skip', true],
  ['question suivante svp', 'skip', true],
  ['on continue', 'resume', true],
  ["je voudrais reprendre où j'en étais", 'resume', true],
  // English
  ["I'd rather talk to a person", 'human', true],
  ['can someone call me back?', 'human', true],
  ['could you call me please', 'human', true],
  ['I want to speak to a human', 'human', true],
  ['is there a real person I can talk to?', 'human', true],
  ['please have someone call me tomorrow', 'human', true],
  ["I'd like to talk to a person about our project", 'human', false],
  ['why do you need this?', 'why', true],
  ['what is this for?', 'why', true],
  ['why are you asking me that?', 'why', true],
  ["what's the point of this question?", 'why', true],
  ['can I go back to the previous question?', 'back', true],
  ['go back please', 'back', true],
  ['I made a mistake, I want to change my answer', 'edit', true],
  ['can we start over?', 'restart', true],
  ["I'd like to start again from scratch", 'restart', true],
  ["let's start from the beginning", 'restart', true],
  ['please delete my data', 'erase', true],
  ['I want you to erase all my information', 'erase', true],
  ['how do I delete my data?', 'erase', true],
  ['I want to stop here', 'cancel', true],
  ['forget it, I give up', 'cancel', true],
  ["I don't understand what you mean", 'help', true],
  ['I need help', 'help', true],
  ['skip this one', 'skip', true],
  ["I'd rather not say", 'skip', true],
  ['next question please', 'skip', true],
  ["let's continue", 'resume', true],
  ['can we carry on?', 'resume', true],
  ["I'd like to talk to someone", 'human', true],
];

/** The command is there, but so is more: asked back in one line (INTENT_ASK ≤ confidence < INTENT_ACT). */
const ASK: [string, string][] = [
  ["Oui, mais je préfère qu'on me rappelle", 'human'],
  ["C'est une association, je voudrais parler à quelqu'un", 'human'],
  ['je voudrais parler à une personne de la mairie pour notre projet', 'human'],
  ['Yes, but I would rather talk to someone', 'human'],
  ['We are a charity. Can I talk to a person?', 'human'],
];

/** Answers that contain a command's words: never taken for a command. */
const NONE: string[] = [
  // French
  "Nous voulons qu'on nous rappelle les échéances",
  'le rappel des bénévoles',
  "je ne veux pas qu'on me rappelle",
  "ne m'appelez pas",
  'pas besoin de me rappeler',
  'nous aidons les personnes âgées à rester chez elles',
  'Aide aux devoirs pour les enfants du quartier',
  'stop au gaspillage alimentaire',
  'nous voulons arrêter le papier et passer au numérique',
  'on veut recommencer nos ateliers en janvier',
  "revenir à l'équilibre financier",
  'modifier nos statuts',
  "changer d'échelle",
  'supprimer les données papier de nos adhérents',
  'Nous cherchons des bénévoles pour appeler les personnes isolées',
  'Bonjour, nous sommes une association de quartier',
  'pourquoi pas',
  'la question de la mobilité des seniors',
  'un accompagnement pour mieux communiquer',
  'nous voulons continuer à développer nos actions',
  "retour à l'emploi des seniors",
  'le droit des associations',
  'on veut parler de notre projet à des partenaires',
  'un site pour que les familles puissent nous appeler',
  'Je suis perdu dans la gestion de nos subventions',
  'nous aimerions être aidés sur la comptabilité',
  "c'est bon pour nous",
  'le conseiller municipal nous soutient',
  'un humain au cœur du projet',
  'arrêter de fumer',
  'nouvelle demande de subvention',
  'Le retour des bénévoles est positif',
  "nous voulons que les familles puissent parler à quelqu'un",
  // English
  'We teach English to refugees',
  'We want to remind our members of their deadlines',
  "don't call me",
  'no need to call me back',
  'We help people talk to a doctor',
  'Stop food waste in schools',
  'We need help with our accounting',
  'We want to change our bylaws',
  'We would like to start again our summer camps',
  'Back to school support for kids',
  'why not',
  'our volunteers call elderly people every week',
  "People don't know who to call",
  'we would like to restart our activities after covid',
  'Hello, we are a small charity',
  'a human rights association',
  'we want to erase the digital divide',
  'We provide legal help to migrants',
];

test('the tables are as large as the issue asks, in both languages', () => {
  expect(ACT.length).toBeGreaterThanOrEqual(60);
  expect(NONE.length).toBeGreaterThanOrEqual(40);
  const french = (s: string) => /[éèàçù]|\b(?:je|on|nous|vous|le|la|les)\b/i.test(s);
  expect(ACT.filter(([s]) => french(s)).length).toBeGreaterThanOrEqual(25);
  expect(ACT.filter(([s]) => !french(s)).length).toBeGreaterThanOrEqual(25);
  expect(NONE.filter((s) => french(s)).length).toBeGreaterThanOrEqual(15);
  expect(NONE.filter((s) => !french(s)).length).toBeGreaterThanOrEqual(15);
});

describe('a clear request is recognised, whatever the conversation’s language', () => {
  test.each(ACT)('%j → %s (whole: %s)', (sentence, command, whole) => {
    for (const locale of ['fr', 'en'] as const) {
      const match = matchIntent(sentence, EXAMPLES, locale);
      expect(match).toMatchObject({ command, whole });
      expect(match!.confidence).toBeGreaterThanOrEqual(INTENT_ACT);
    }
  });
});

describe('a request with more in it is asked back', () => {
  test.each(ASK)('%j → %s, to confirm', (sentence, command) => {
    const match = matchIntent(sentence, EXAMPLES, 'fr');
    expect(match).toMatchObject({ command, whole: false });
    expect(match!.confidence).toBeGreaterThanOrEqual(INTENT_ASK);
    expect(match!.confidence).toBeLessThan(INTENT_ACT);
  });
});

describe('an answer that merely contains the words is not a command', () => {
  test.each(NONE)('%j', (sentence) => {
    expect(matchIntent(sentence, EXAMPLES, 'fr')).toBeUndefined();
    expect(matchIntent(sentence, EXAMPLES, 'en')).toBeUndefined();
  });
});

describe('explanations', () => {
  test('the match names the example it rests on and what else the message says', () => {
    expect(matchIntent("I'd like to talk to a person about our project", EXAMPLES)).toEqual({
      command: 'human',
      confidence: 0.8,
      whole: false,
      example: 'talk to a person',
      rest: ['project'],
    });
  });

  test('a message that is exactly an example is certain, politeness aside', () => {
    expect(matchIntent('Supprimer mes données, merci !', EXAMPLES)).toEqual({
      command: 'erase',
      confidence: 1,
      whole: true,
      example: 'supprimer mes donnees',
      rest: [],
    });
    expect(matchIntent('?', EXAMPLES)).toMatchObject({ command: 'help', confidence: 1 });
  });

  test('the examples are the only source of commands: without them nothing matches', () => {
    expect(matchIntent("je préfère qu'on me rappelle", {})).toBeUndefined();
    expect(matchIntent("je préfère qu'on me rappelle", { fr: { callback: ['me rappeler'] } })).toMatchObject({
      command: 'callback',
    });
  });

  test.each([undefined, null, 42, 'a'.repeat(501)] as unknown as string[])('bad input: %p', (input) => {
    expect(matchIntent(input, EXAMPLES)).toBeUndefined();
  });
});
