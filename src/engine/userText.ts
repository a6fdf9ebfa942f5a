/**
 * User values inside the bot's texts. The engine is channel-neutral, yet a value a user typed
 * (a structure named `[Votre session a expiré](https://…)`, `<!channel>`) must never become
 * markup where it is echoed. So the engine wraps each value it inserts between two Unicode
 * noncharacters, which `cleanInput` removes from anything a user sends (nobody can forge them);
 * the renderer escapes what lies between them for the channel's markup, and everything else that
 * leaves the engine as data (transcript, need record) has them removed by `plainText`.
 */

const OPEN = '\uFDD0';
const CLOSE = '\uFDD1';
const MARKERS = /[\uFDD0\uFDD1]/g;
const SEGMENT = /\uFDD0([^\uFDD0\uFDD1]*)\uFDD1/g;

/** A user value to insert into a text (markers inside it are dropped: a value is one segment). */
export const userValue = (value: string): string => `${OPEN}${plainText(value)}${CLOSE}`;

/** The text as people read it, without markers: for the transcript, the need record and tests. */
export const plainText = (text: string): string => text.replace(MARKERS, '');

/** Rewrites each user value of `text` with `escape`; our own text around them is left as it is. */
export const escapeUserValues = (text: string, escape: (value: string) => string): string =>
  plainText(text.replace(SEGMENT, (_, value: string) => escape(value)));
