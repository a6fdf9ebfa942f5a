import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import * as ACData from 'adaptivecards-templating';
import { compileCardTemplate } from '../../src/bot/cardTemplate';
import { PROJECT_ROOT } from '../../src/paths';

/**
 * cardTemplate.ts expands templates of plain paths without the templating library: every card it
 * takes must come out exactly as the library makes it. Compared here on the journey's own cards
 * and on templates written to reach each rule of the library's expansion, with thousands of data
 * sets from a seeded generator (the same on every run): missing, null, empty, numbers, booleans,
 * lists, nested objects, names in another case, values that look like templates.
 */
const CARDS = ['choices', 'summary', 'recommendation'].map((name) => ({
  name,
  template: JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'cards', `${name}.json`), 'utf8')) as unknown,
}));

/** What the library does: a card, or a throw. */
function outcome(run: () => unknown): { card: unknown } | { threw: true } {
  try {
    return { card: run() };
  } catch {
    return { threw: true };
  }
}

function expectSame(template: unknown, data: Record<string, unknown>): void {
  const ours = compileCardTemplate(template);
  if (!ours) throw new Error(`not taken: ${JSON.stringify(template)}`);
  const library = new ACData.Template(template);
  expect({ data, ours: outcome(() => ours(data)) }).toStrictEqual({ data, ours: outcome(() => library.expand({ $root: data })) });
}

/** A small seeded generator (mulberry32): the same data sets on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXTS = ['', 'Atelier Vélo Solidaire', 'Oui', '${title}', '*gras* _x_ <b>', 'a.b', '0', 'true'];

function value(next: () => number, depth: number, names: readonly string[]): unknown {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const kind = Math.floor(next() * (depth > 2 ? 7 : 10));
  switch (kind) {
    case 0:
      return undefined;
    case 1:
      return null;
    case 2:
      return pick(TEXTS);
    case 3:
      return pick([0, 1, 42, -3.5, 1e21]);
    case 4:
      return next() < 0.5;
    case 5:
      return pick(TEXTS);
    case 6:
      return pick(TEXTS);
    case 7:
      return Array.from({ length: Math.floor(next() * 4) }, () => (next() < 0.4 ? pick(TEXTS) : record(next, depth + 1, names)));
    default:
      return record(next, depth + 1, names);
  }
}

function record(next: () => number, depth: number, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    if (next() < 0.2) continue;
    // Sometimes in another case: the library matches names without it.
    const key = next() < 0.1 ? name.toUpperCase() : name;
    out[key] = value(next, depth, names);
  }
  return out;
}

/** Every name a template reads (the last segment of each path), so that the data sets hit them. */
function namesIn(template: unknown): string[] {
  const names = new Set<string>();
  for (const m of JSON.stringify(template).matchAll(/\$\{([^}]*)\}/g)) for (const part of m[1].split('.')) if (!part.startsWith('$')) names.add(part);
  return [...names];
}

const SYNTHETIC: { name: string; template: unknown }[] = [
  { name: 'interpolations', template: { a: 'Bonjour ${name} !', b: '${first}${second}', c: '${name}', d: ['x', '${items}', { e: '${n.m.o}' }], f: 7, g: null, h: true } },
  { name: 'repeated and nested $data', template: { body: [{ $data: '${items}', t: '${title} #${$index}', sub: [{ $data: '${children}', u: '${$data}', root: '${$root.title}', i: '${$index}' }] }] } },
  { name: '$when on paths and text', template: { body: [{ $when: '${flag}', a: 1 }, { $when: '${title} ${flag}', b: 2 }, { $when: 'literal', c: 3 }, { $when: '${n.flag}', $data: '${items}', d: '${title}' }] } },
  { name: '$data to an object, a text, a missing value', template: { x: { $data: '${n}', m: '${m}', back: '${$root.name}' }, y: { $data: '${name}', len: '${length}' }, z: { $data: '${missing}', t: '${title}' } } },
  { name: 'a literal $data and reserved keys dropped', template: { $data: { title: 'fixed' }, t: '${title}', $root: 'x', $index: 3, $host: 4, $_acTemplateVersion: 5, list: [{ $data: ['a', 'b'], v: '${$data}', i: '${$index}' }] } },
  { name: 'a whole template that is one path', template: '${items}' },
  { name: 'literal text around paths', template: { a: '{x} ${name} }', b: 'coût $5 ${name} {', c: 'ligne\n${name}\tfin', d: "l'«${name}» \"q\" 100%", e: '$${name}$' } },
  { name: 'an array at the top', template: [{ $data: '${items}', t: '${title}' }, '${name}', null] },
];

describe('templates of plain paths come out as the templating library makes them', () => {
  for (const [i, { name, template }] of [...CARDS, ...SYNTHETIC].entries()) {
    test(`${name}: 800 data sets`, () => {
      const names = [...new Set([...namesIn(template), 'items', 'children', 'flag', 'n', 'title'])];
      const next = random(1000 + i);
      for (let run = 0; run < 800; run++) expectSame(template, record(next, 0, names));
    });
  }

  test('a card of the journey with the data the engine gives it', () => {
    const recommendation = CARDS.find((c) => c.name === 'recommendation')!.template;
    expectSame(recommendation, {
      title: 'Notre recommandation',
      intro: '',
      hasIntro: false,
      notes: [],
      primary: { name: 'Probono Booster', pitch: 'Un accompagnement court', reasons: ['Besoin ponctuel', 'Équipe de 3 salariés'] },
      reasonsTitle: 'Pourquoi',
      othersTitle: 'Autres pistes',
      others: [{ name: 'Mission freelance', pitch: 'Payante', reasons: [] }],
      hasOthers: true,
      hasReasons: true,
    });
  });
});

test('any expression beyond a plain path is left to the library', () => {
  for (const text of ["${if(flag, 'a', 'b')}", '${count + 1}', "${'texte'}", '${true}', '${null}', '${ title }', '${items[0]}', '${a.0}', '\\${title}', 'a ` ${title}', '${title', '${$host}', '${$_acTemplateVersion.major}', '${1x}']) {
    expect({ text, taken: compileCardTemplate({ type: 'AdaptiveCard', body: [{ type: 'TextBlock', text }] }) !== undefined }).toEqual({ text, taken: false });
  }
  // Text without `${` is never an expression, whatever it holds.
  expect(compileCardTemplate({ text: 'a \\ b ` c {x} $x' })).toBeDefined();
});

test('the server renders the journey without loading the templating library; a template that needs it loads it', async () => {
  // In a process of its own: what it has loaded is what render.ts made it load.
  const script = `
    const render = require(${JSON.stringify(path.join(PROJECT_ROOT, 'dist', 'src', 'bot', 'render.js'))});
    const fs = require('node:fs');
    const card = (n) => JSON.parse(fs.readFileSync(${JSON.stringify(path.join(PROJECT_ROOT, 'cards'))} + '/' + n + '.json', 'utf8'));
    const loaded = () => Object.keys(require.cache).some((f) => f.includes('adaptive-expressions'));
    const cards = { choices: card('choices'), summary: card('summary'), recommendation: card('recommendation') };
    render.warmUpCards({ cards });
    const before = loaded();
    const fancy = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: "\${if(hasIntro, intro, title)}" }] };
    render.warmUpCards({ cards: { fancy } });
    console.log(JSON.stringify({ before, after: loaded() }));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script]);
  expect(JSON.parse(stdout)).toEqual({ before: false, after: true });
});
