import type { Attachment } from 'botbuilder';
import { capabilitiesOf } from '../../src/bot/channels';
import { toActivities } from '../../src/bot/render';
import type { OutMessage } from '../../src/engine/messages';
import { sharedFlow } from '../support/channelHarness';

const flow = sharedFlow();
const card = (a: Partial<{ attachments: Attachment[] }>) => a.attachments![0].content as Record<string, unknown>;

describe('rendering per channel capabilities', () => {
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
      items: [{ field: 'name', label: 'Nom', value: '${title} <script>alert(1)</script> "quotes" \\ {braces}' }],
    },
    actions: [{ value: 'Confirmer', label: 'Confirmer' }],
  };

  test('a card where cards are shown, with quick replies; user values are never expanded', () => {
    const [activity] = toActivities(flow, [summary], capabilitiesOf('webchat'));
    expect(activity.attachments?.[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    const json = JSON.stringify(card(activity));
    expect(json).toContain('${title} <script>alert(1)</script> \\"quotes\\" \\\\ {braces}');
    expect(json).toContain('"command":"edit","field":"name"');
    expect(card(activity).version).toBe('1.5');
    expect(activity.suggestedActions?.actions.map((a) => a.title)).toEqual(['Confirmer']);
  });

  test('plain text where cards are not shown (Slack), and no quick replies', () => {
    const [activity] = toActivities(flow, [summary], capabilitiesOf('slack'));
    expect(activity.attachments).toBeUndefined();
    expect(activity.text).toBe('Récapitulatif (texte)');
    expect(activity.suggestedActions).toBeUndefined();
  });

  test('a single choice: numbered list in the text, and buttons where shown', () => {
    const question: OutMessage = {
      type: 'question',
      stepId: 'nature',
      text: 'Quelle nature ?',
      choices: [
        { value: 'Ponctuel', label: 'Ponctuel' },
        { value: 'Réalisation technique', label: 'Réalisation technique' },
      ],
    };
    const [web] = toActivities(flow, [question], capabilitiesOf('webchat'));
    expect(web.text).toBe('Quelle nature ?\n\n1. Ponctuel\n2. Réalisation technique');
    expect(web.suggestedActions?.actions.map((a) => a.value)).toEqual(['Ponctuel', 'Réalisation technique']);
    const [slack] = toActivities(flow, [question], capabilitiesOf('slack'));
    expect(slack.text).toBe(web.text);
    expect(slack.suggestedActions).toBeUndefined();
  });

  test('a multiple choice: a card of checkboxes sending option positions, pre-selected suggestion', () => {
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
    };
    const [activity] = toActivities(flow, [question], capabilitiesOf('msteams'));
    const body = card(activity).body as Record<string, unknown>[];
    const input = body.find((b) => b.type === 'Input.ChoiceSet')!;
    expect(input).toMatchObject({ id: 'answer', isMultiSelect: true, value: '1', choices: [{ title: 'Bien manger, bien vieillir', value: '0' }, { title: 'Numérique et outils', value: '1' }] });
    expect(card(activity).actions).toEqual([{ type: 'Action.Submit', title: 'Valider', data: { step: 'domains' } }]);
  });
});
