import fs from 'node:fs';
import path from 'node:path';
import { loadFlow } from '../../src/flow/load';
import { CARDS_DIR } from '../../src/paths';
import { AA_TEXT, contrastRatio } from '../../src/web/contrast';
import { CONTRAST_PAIRS, loadWebStyle, STYLE_FILE } from '../../src/web/style';
import { BotServer } from '../support/channelHarness';
import { JourneyCopy } from '../support/journeyCopy';

describe('WCAG contrast of the operator colours (cards/webchat-style.json)', () => {
  test('the contrast formula gives WCAG reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    // #767676 is the lightest grey that passes AA on white; #777777 just fails.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#ffffff', '#777777')).toBeLessThan(AA_TEXT);
  });

  test('every colour pair read one on the other meets WCAG AA', () => {
    const { colors } = loadWebStyle(CARDS_DIR);
    const ratios = CONTRAST_PAIRS.map(([fg, bg, min]) => ({ pair: `${fg} on ${bg}`, ratio: contrastRatio(colors[fg], colors[bg]), min }));
    expect(ratios.filter((r) => r.ratio < r.min)).toEqual([]);
    // The text pairs are held to 4.5:1, the focus ring to 3:1.
    expect(ratios.filter((r) => r.min === AA_TEXT)).toHaveLength(CONTRAST_PAIRS.length - 1);
  });

  test('Web Chat receives the colours and the staff options, and no upload button', () => {
    const style = loadWebStyle(CARDS_DIR);
    const file = JSON.parse(fs.readFileSync(path.join(CARDS_DIR, STYLE_FILE), 'utf8'));
    expect(style.styleOptions).toMatchObject({
      ...file.styleOptions,
      hideUploadButton: true,
      accent: file.colors.accent,
      bubbleFromUserBackground: file.colors.userBubble,
      bubbleFromUserTextColor: file.colors.userBubbleText,
    });
  });
});

describe('a wrong style file stops the server, naming the file and the path', () => {
  const copy = new JourneyCopy();
  const styleFile = path.join(copy.cards, STYLE_FILE);
  const original = fs.readFileSync(styleFile, 'utf8');
  afterAll(() => copy.remove());
  const edit = (change: (json: { colors: Record<string, string>; styleOptions: Record<string, unknown> }) => void) => {
    const json = JSON.parse(original);
    change(json);
    fs.writeFileSync(styleFile, JSON.stringify(json, null, 2));
  };
  const problem = (): string => {
    try {
      loadWebStyle(copy.cards);
    } catch (err) {
      return (err as Error).message;
    }
    throw new Error('the style file was accepted');
  };

  test.each([
    ['text too light on the background', (j: { colors: Record<string, string> }) => (j.colors.text = '#9a9a9a'), ['colors.text', 'colors.background', 'WCAG AA']],
    ['white on a light accent', (j: { colors: Record<string, string> }) => (j.colors.accent = '#7fb2ff'), ['colors.accent', 'colors.onAccent', '4.5:1']],
    ['a colour name', (j: { colors: Record<string, string> }) => (j.colors.userBubble = 'blue'), ['colors.userBubble', '#rrggbb']],
    ['an unknown colour', (j: { colors: Record<string, string> }) => (j.colors.pink = '#ff00ff'), ['colors', 'pink']],
    ['an avatar from another site', (j: { styleOptions: Record<string, unknown> }) => (j.styleOptions.botAvatarImage = 'https://cdn.example.org/bot.png'), ['styleOptions.botAvatarImage', 'another site']],
    ['a font from Google', (j: { styleOptions: Record<string, unknown> }) => (j.styleOptions.primaryFont = "url(//fonts.googleapis.com/css?family=Roboto)"), ['styleOptions.primaryFont', 'another site']],
    ['a colour set behind the contrast check', (j: { styleOptions: Record<string, unknown> }) => (j.styleOptions.bubbleTextColor = '#eeeeee'), ['styleOptions', 'bubbleTextColor', 'colors']],
  ])('%s', (_name, change, expected) => {
    edit(change as never);
    const message = problem();
    expect(message).toContain(path.join(path.relative(process.cwd(), copy.cards), STYLE_FILE));
    for (const part of expected) expect(message).toContain(part);
  });

  test('not JSON, or missing', () => {
    fs.writeFileSync(styleFile, '{ "colors": ');
    expect(problem()).toContain(STYLE_FILE);
    fs.rmSync(styleFile);
    expect(problem()).toContain(STYLE_FILE);
    fs.writeFileSync(styleFile, original);
  });

  test('the server does not start with it', async () => {
    edit((j) => (j.colors.botBubbleText = '#c8c8c8'));
    const server = new BotServer({ env: { CARDS_DIR: copy.cards } });
    await expect(server.start()).rejects.toThrow(/webchat-style\.json: colors\.botBubbleText: contrast with colors\.botBubble/);
    fs.writeFileSync(styleFile, original);
  });

  test('nor without the texts of the page: the flow check names the missing one', () => {
    copy.replace('texts.yaml', 'web.bubble_open:', 'web.bubble_opened:');
    expect(() => loadFlow(copy.dialogs, copy.cards)).toThrow(/dialogs\/texts\.yaml: web\.bubble_open: missing text/);
  });
});
