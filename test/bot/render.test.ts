import type { Activity, Attachment } from 'botbuilder';
import { capabilitiesOf } from '../../src/bot/channels';
import { toActivities } from '../../src/bot/render';
import type { SlackAttachment } from '../../src/bot/slackMessage';
import type { OutMessage } from '../../src/engine/messages';
import type { Flow } from '../../src/flow/model';
import { sharedFlow } from '../support/channelHarness';

const flow = sharedFlow();
const card = (a: Partial<{ attachments: Attachment[] }>) => a.attachments![0].content as Record<string, unknown>;
const slackAttachments = (a: Partial<Activity>) => (a.channelData as { attachments: SlackAttachment[] }).attachments;
const render = (m: OutMessage, channelId: string, f: Flow = flow) => toActivities(f, [m], capabilitiesOf(channelId))[0];

const summary: OutMessage = {
  type: 'card',
  template: 'summary',
  text: 'Récapitulatif (texte)',
  data: {
    title: 'Récapitulatif',
    question: 'Tout est correct ?',
    confirmLabel: 'Confirmer',
    editLabel: 'Modifier',
    // User values reach the card as data: template syntax inside them stays text.
    items: [
      { field: 'name', label: 'Nom', value: '${title} <script>alert(1)</script> "quotes" \\ {braces}' },
      { field: 'email', label: 'Email', value: 'a@b.fr' },
    ],
  },
  actions: [
    { value: 'Confirmer', label: 'Confirmer' },
    { value: 'Modifier', label: 'Modifier' },
  ],
};

const choice = (n: number, extra: Partial<Extract<OutMessage, { type: 'question' }>> = {}): OutMessage => ({
  type: 'question',
  stepId: 'nature',
  text: 'Quelle nature ?',
  choices: Array.from({ length: n }, (_, i) => ({ value: `v${i}`, label: `Option ${i + 1}` })),
  submitLabel: 'Valider',
  ...extra,
});

describe('rendering from the channel capability table', () => {
  test('a card where cards are shown, with quick replies; user values are never expanded', () => {
    const activity = render(summary, 'webchat');
    expect(activity.attachments?.[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    const json = JSON.stringify(card(activity));
    expect(json).toContain('${title} <script>alert(1)</script> \\"quotes\\" \\\\ {braces}');
    expect(json).toContain('"command":"edit","field":"name"');
    expect(card(activity).version).toBe('1.5');
    expect(activity.suggestedActions?.actions.map((a) => a.title)).toEqual(['Confirmer', 'Modifier']);
  });

  test('Slack: the summary card as mrkdwn text, Slack buttons in channelData, no card and no quick replies', () => {
    const activity = render(summary, 'slack');
    expect(activity.attachments).toBeUndefined();
    expect(activity.suggestedActions).toBeUndefined();
    expect(activity.text).toBe(
      // Slack's control characters are escaped: `<…>` would be read as a mention or a link.
      ['*Récapitulatif*', '- *Nom* : ${title} &lt;script&gt;alert(1)&lt;/script&gt; "quotes" \\ {braces}', '- *Email* : a@b.fr', '', 'Tout est correct ?'].join('\n'),
    );
    expect(slackAttachments(activity)).toEqual([
      {
        text: '',
        fallback: 'Récapitulatif (texte)',
        callback_id: 'summary',
        attachment_type: 'default',
        actions: [
          { name: 'say', text: 'Confirmer', type: 'button', value: 'Confirmer' },
          { name: 'say', text: 'Modifier', type: 'button', value: 'Modifier' },
        ],
      },
    ]);
  });

  test('as text, a value in a summary row stays as typed, even when it looks like a bullet', () => {
    const typed: OutMessage = { ...summary, data: { ...summary.data, items: [{ field: 'tried', label: 'Essayé', value: '- rien\n• encore *rien*' }] } } as OutMessage;
    expect(render(typed, 'slack').text).toBe('*Récapitulatif*\n- *Essayé* : - rien\n• encore *rien*\n\nTout est correct ?');
  });

  test('the recommendation card as text keeps its headings, programme, reasons and other options', () => {
    const recommendation: OutMessage = {
      type: 'card',
      template: 'recommendation',
      text: 'plain',
      data: {
        title: 'Notre recommandation',
        // Shown above the programme only when it says something the heading does not (not eligible).
        intro: 'Je vous recommande : Probono Factory.',
        hasIntro: true,
        notes: ['Territoire non couvert.'],
        primary: { name: 'Probono Factory', pitch: 'Des Marathons.', reasons: ['Critères remplis.'] },
        reasonsTitle: 'Pourquoi',
        othersTitle: 'Autres pistes possibles',
        others: [{ name: 'Probono Booster', pitch: 'Six mois.', reasons: ['Ambition.'] }],
        hasOthers: true,
        hasReasons: true,
      },
    };
    expect(render(recommendation, 'slack').text).toBe(
      [
        '*Notre recommandation*',
        '',
        'Je vous recommande : Probono Factory.',
        '',
        '*Probono Factory*',
        '',
        'Des Marathons.',
        '',
        'Territoire non couvert.',
        '',
        '*Pourquoi*',
        '- Critères remplis.',
        '',
        '*Autres pistes possibles*',
        '',
        '*Probono Booster*',
        '',
        'Six mois.',
        '- Ambition.',
      ].join('\n'),
    );
    const withoutIntro = { ...recommendation, data: { ...recommendation.data, hasIntro: false } };
    expect(render(withoutIntro, 'slack').text).toMatch(/^\*Notre recommandation\*\n\n\*Probono Factory\*\n/);
  });

  test('a channel without markdown or cards gets the engine plain text and no buttons', () => {
    const activity = render(summary, 'some-new-channel');
    expect(activity).toEqual({ type: 'message', text: 'Récapitulatif (texte)' });
  });

  test('a card declaring a version above what the channel shows becomes Markdown text there', () => {
    const newer: Flow = { ...flow, cards: { ...flow.cards, summary: { ...(flow.cards.summary as object), version: '1.6' } } };
    const teams = render(summary, 'msteams', newer);
    expect(teams.attachments).toBeUndefined();
    expect(teams.text).toBe('**Récapitulatif**\n- **Nom** : ${title} <script>alert(1)</script> "quotes" \\ {braces}\n- **Email** : a@b.fr\n\nTout est correct ?');
    expect(teams.suggestedActions?.actions.map((a) => a.title)).toEqual(['Confirmer', 'Modifier']);
    // Web Chat shows 1.6.
    expect(card(render(summary, 'webchat', newer)).version).toBe('1.6');
  });

  test('a single choice: numbered list in the text, and buttons where shown', () => {
    const web = render(choice(2), 'webchat');
    expect(web.text).toBe('Quelle nature ?\n\n1. Option 1\n2. Option 2');
    expect(web.suggestedActions?.actions.map((a) => a.value)).toEqual(['Option 1', 'Option 2']);
    const slack = render(choice(2), 'slack');
    expect(slack.text).toBe(web.text);
    expect(slack.suggestedActions).toBeUndefined();
    expect(slackAttachments(slack)).toEqual([
      {
        text: '',
        fallback: 'Quelle nature ?',
        callback_id: 'nature',
        attachment_type: 'default',
        actions: [
          { name: 'answer', text: 'Option 1', type: 'button', value: '0' },
          { name: 'answer', text: 'Option 2', type: 'button', value: '1' },
        ],
      },
    ]);
  });

  test('Teams: up to 3 buttons (skip included) as quick replies, more as a single-choice card sending { answer, step }', () => {
    const three = render(choice(3), 'msteams');
    expect(three.attachments).toBeUndefined();
    expect(three.suggestedActions?.actions.map((a) => a.title)).toEqual(['Option 1', 'Option 2', 'Option 3']);

    const skip = [{ value: 'Passer', label: 'Passer' }];
    const cases: [OutMessage, number, string[]][] = [
      [choice(3, { actions: skip }), 3, ['Passer']],
      [choice(8), 8, []],
    ];
    for (const [m, options, quickReplies] of cases) {
      const activity = render(m, 'msteams');
      const content = card(activity);
      expect(content.version).toBe('1.5');
      const input = (content.body as Record<string, unknown>[]).find((b) => b.type === 'Input.ChoiceSet')!;
      expect(input).toMatchObject({ id: 'answer', isMultiSelect: false, style: 'expanded' });
      expect(input.choices).toHaveLength(options);
      expect(content.actions).toEqual([{ type: 'Action.Submit', title: 'Valider', data: { step: 'nature' } }]);
      expect(activity.suggestedActions?.actions.map((a) => a.title) ?? []).toEqual(quickReplies);
    }
    // Web Chat shows every button, with no card.
    const web = render(choice(8), 'webchat');
    expect(web.attachments).toBeUndefined();
    expect(web.suggestedActions?.actions).toHaveLength(8);
  });

  test('Teams never gets more than 3 quick replies, whatever the message', () => {
    const many: OutMessage = { type: 'question', stepId: 'x', text: '?', actions: ['a', 'b', 'c', 'd'].map((l) => ({ value: l, label: l })) };
    expect(render(many, 'msteams').suggestedActions?.actions.map((a) => a.title)).toEqual(['a', 'b', 'c']);
    expect(render(many, 'webchat').suggestedActions?.actions).toHaveLength(4);
  });

  test('Slack: at most 5 buttons per attachment, the options first, then the typed actions', () => {
    const activity = render(choice(12, { actions: [{ value: 'Passer', label: 'Passer' }] }), 'slack');
    const attachments = slackAttachments(activity);
    expect(attachments.map((a) => a.actions.length)).toEqual([5, 5, 3]);
    expect(attachments.every((a) => a.callback_id === 'nature')).toBe(true);
    const actions = attachments.flatMap((a) => a.actions);
    expect(actions.slice(0, 12).map((a) => [a.name, a.value])).toEqual(Array.from({ length: 12 }, (_, i) => ['answer', String(i)]));
    expect(actions[12]).toEqual({ name: 'say', text: 'Passer', type: 'button', value: 'Passer' });
    expect(activity.text).toContain('\n12. Option 12');
  });

  test('a multiple choice: a card of checkboxes sending option positions, pre-selected suggestion; text and skip only on Slack', () => {
    const question: OutMessage = {
      type: 'question',
      stepId: 'domains',
      text: 'Quels domaines ?',
      multiple: true,
      selected: ['Numérique et outils'],
      submitLabel: 'Valider',
      choices: [
        { value: 'Bien manger, bien vieillir', label: 'Bien manger, bien vieillir' },
        { value: 'Numérique et outils', label: 'Numérique et outils' },
      ],
      actions: [{ value: 'Oui', label: 'Oui' }],
    };
    const activity = render(question, 'msteams');
    const body = card(activity).body as Record<string, unknown>[];
    const input = body.find((b) => b.type === 'Input.ChoiceSet')!;
    expect(input).toMatchObject({ id: 'answer', isMultiSelect: true, value: '1', choices: [{ title: 'Bien manger, bien vieillir', value: '0' }, { title: 'Numérique et outils', value: '1' }] });
    expect(card(activity).actions).toEqual([{ type: 'Action.Submit', title: 'Valider', data: { step: 'domains' } }]);
    expect(activity.suggestedActions?.actions.map((a) => a.title)).toEqual(['Oui']);

    const slack = render(question, 'slack');
    expect(slack.text).toBe('Quels domaines ?\n\n1. Bien manger, bien vieillir\n2. Numérique et outils');
    // Checkboxes cannot be buttons: only the typed action is one.
    expect(slackAttachments(slack).flatMap((a) => a.actions)).toEqual([{ name: 'say', text: 'Oui', type: 'button', value: 'Oui' }]);
  });

  describe('one message per turn where it reads the same', () => {
    const noted: OutMessage = { type: 'text', text: 'Noté : 12 salariés.' };
    const thanks: OutMessage = { type: 'text', text: 'Merci !' };
    const all = (messages: OutMessage[], channelId: string) => toActivities(flow, messages, capabilitiesOf(channelId));

    test.each(['webchat', 'msteams', 'slack', 'unknown-channel'])('%s: texts are paragraphs of the question that follows, which keeps its buttons', (channelId) => {
      const alone = render(choice(2), channelId);
      const [one, ...rest] = all([noted, thanks, choice(2)], channelId);
      expect(rest).toEqual([]);
      expect(one.text).toBe(`Noté : 12 salariés.\n\nMerci !\n\n${alone.text}`);
      expect({ ...one, text: alone.text }).toEqual(alone);
    });

    test('a card keeps the texts before it as its message text, and ends its message', () => {
      const activities = all([noted, summary, thanks], 'webchat');
      expect(activities).toHaveLength(2);
      expect(activities[0].text).toBe('Noté : 12 salariés.');
      expect(card(activities[0]).type).toBe('AdaptiveCard');
      expect(activities[0].suggestedActions?.actions.map((a) => a.title)).toEqual(['Confirmer', 'Modifier']);
      expect(activities[1]).toEqual({ type: 'message', text: 'Merci !' });
    });

    test('a message with buttons is never joined to what follows: its buttons answer it', () => {
      const activities = all([choice(2), thanks], 'webchat');
      expect(activities.map((a) => a.text)).toEqual([render(choice(2), 'webchat').text, 'Merci !']);
      expect(activities[0].suggestedActions?.actions).toHaveLength(2);
    });
  });
});
