import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type FlowIssue, formatIssue } from '../flow/model';
import { AA_NON_TEXT, AA_TEXT, contrastRatio } from './contrast';

/** The operator's colours and Web Chat options, in cards/webchat-style.json (staff edit it). */
export const STYLE_FILE = 'webchat-style.json';

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is written #rrggbb, for example "#1d4f91"');

const colorsSchema = z
  .object({
    /** Buttons, links, suggested actions, the page header and the chat bubble. */
    accent: colour,
    /** Text written on the accent colour. */
    onAccent: colour,
    background: colour,
    text: colour,
    /** Secondary text (timestamps). */
    subtle: colour,
    botBubble: colour,
    botBubbleText: colour,
    userBubble: colour,
    userBubbleText: colour,
    /** The keyboard focus ring. */
    focus: colour,
  })
  .strict();
type Colors = z.infer<typeof colorsSchema>;

/** Foreground, background, minimum WCAG AA ratio: every pair a user reads one on the other. */
export const CONTRAST_PAIRS: readonly (readonly [keyof Colors, keyof Colors, number])[] = [
  ['text', 'background', AA_TEXT],
  ['subtle', 'background', AA_TEXT],
  ['accent', 'background', AA_TEXT],
  ['onAccent', 'accent', AA_TEXT],
  ['botBubbleText', 'botBubble', AA_TEXT],
  ['userBubbleText', 'userBubble', AA_TEXT],
  ['focus', 'background', AA_NON_TEXT],
];

/** The Web Chat style options the colours set: staff change them through `colors`, where contrast is checked. */
function colourOptions(c: Colors): Record<string, string> {
  return {
    accent: c.accent,
    backgroundColor: c.background,
    subtle: c.subtle,
    bubbleBackground: c.botBubble,
    bubbleTextColor: c.botBubbleText,
    bubbleBorderColor: c.botBubble,
    bubbleFromUserBackground: c.userBubble,
    bubbleFromUserTextColor: c.userBubbleText,
    bubbleFromUserBorderColor: c.userBubble,
    suggestedActionBackgroundColor: c.background,
    suggestedActionTextColor: c.accent,
    suggestedActionBorderColor: c.accent,
    sendBoxBackground: c.background,
    sendBoxTextColor: c.text,
    sendBoxButtonColor: c.accent,
  };
}
const COLOUR_OPTION_NAMES = new Set(Object.keys(colourOptions(Object.fromEntries(Object.keys(colorsSchema.shape).map((k) => [k, '#000000'])) as Colors)));

/** Anything that would make the browser fetch from another site (avatars, fonts, images). */
const REMOTE = /(^|[\s(,'"])(https?:)?\/\/|url\s*\(/i;
const optionValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.string().refine((s) => !REMOTE.test(s), 'must not load anything from another site (no URL): the page makes no request outside the server'),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(optionValue),
    z.record(z.string(), optionValue),
  ]),
);

export const webStyleSchema = z
  .object({
    $comment: z.string().optional(),
    colors: colorsSchema,
    /** More Web Chat styleOptions (https://github.com/microsoft/BotFramework-WebChat, STYLE_OPTIONS). */
    styleOptions: z
      .record(z.string(), optionValue)
      .superRefine((options, ctx) => {
        for (const key of Object.keys(options).filter((k) => COLOUR_OPTION_NAMES.has(k))) {
          ctx.addIssue({ code: 'custom', path: [key], message: 'this option is set from "colors" (where its contrast is checked): change it there' });
        }
      })
      .default({}),
  })
  .strict();

export interface WebStyle {
  colors: Colors;
  /** What Web Chat receives: the colours' options, then the staff's own. */
  styleOptions: Record<string, unknown>;
}

export class WebStyleError extends Error {
  constructor(readonly issues: FlowIssue[]) {
    super(`The Web Chat style is invalid:\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'WebStyleError';
  }
}

/** Reads and checks cards/webchat-style.json; throws a WebStyleError naming the file and each path. */
export function loadWebStyle(cardsDir: string): WebStyle {
  const file = path.join(cardsDir, STYLE_FILE);
  const shown = path.relative(process.cwd(), file) || file;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new WebStyleError([{ file: shown, path: '', message: (err as Error).message }]);
  }
  const parsed = webStyleSchema.safeParse(raw);
  if (!parsed.success) {
    throw new WebStyleError(parsed.error.issues.map((i) => ({ file: shown, path: i.path.map(String).join('.'), message: i.message })));
  }
  const { colors, styleOptions } = parsed.data;
  const issues = contrastIssues(colors).map((message) => ({ file: shown, ...message }));
  if (issues.length) throw new WebStyleError(issues);
  return { colors, styleOptions: { hideUploadButton: true, ...colourOptions(colors), ...styleOptions } };
}

/** Every pair of colours below WCAG AA, as `{ path, message }`. */
export function contrastIssues(colors: Colors): { path: string; message: string }[] {
  return CONTRAST_PAIRS.flatMap(([fg, bg, min]) => {
    const ratio = contrastRatio(colors[fg], colors[bg]);
    return ratio >= min
      ? []
      : [{ path: `colors.${fg}`, message: `contrast with colors.${bg} is ${ratio.toFixed(2)}:1, below the WCAG AA minimum of ${min}:1` }];
  });
}
