import { boosterCohortUpcoming, calendarVars, explorersTheme, monthAndYear } from '../../src/domain/programmeCalendar';
import { loadFlow } from '../../src/flow/load';
import type { CalendarFile } from '../../src/flow/schema';
import { render } from '../../src/engine/texts';
import { CARDS_DIR, DIALOGS_DIR } from '../../src/paths';

const flow = loadFlow(DIALOGS_DIR, CARDS_DIR);
const calendar: CalendarFile = {
  ...flow.calendar,
  booster: { next_cohort_start: '2027-03-01' },
  explorers: {
    themes: [
      { from: '2026-11', theme: { fr: 'la santé mentale', en: 'mental health' } },
      { from: '2027-01', theme: { fr: 'la parentalité', en: 'parenthood' } },
    ],
  },
};
const say = (lang: 'fr' | 'en') => (key: string, vars: Record<string, string | number>) => render(flow.texts[key], lang, vars);

describe('the programme calendar', () => {
  test('the next Booster cohort is upcoming until its first day has passed, on the Paris clock', () => {
    expect(boosterCohortUpcoming(calendar, new Date('2027-03-01T22:59:00Z'))).toBe(true); // 23:59 in Paris
    expect(boosterCohortUpcoming(calendar, new Date('2027-03-01T23:00:00Z'))).toBe(false); // 2 March in Paris
  });

  test("this month's Explorers theme holds until the next one listed; before the list, the first", () => {
    expect(explorersTheme(calendar, new Date('2026-12-15T12:00:00Z')).fr).toBe('la santé mentale');
    expect(explorersTheme(calendar, new Date('2026-12-31T23:30:00Z')).fr).toBe('la parentalité'); // already January in Paris
    expect(explorersTheme(calendar, new Date('2028-06-01T12:00:00Z')).en).toBe('parenthood');
    expect(explorersTheme(calendar, new Date('2026-01-01T12:00:00Z')).fr).toBe('la santé mentale');
  });

  test("the placeholders read the operator's day only: the same at every instant of a day (the engine keeps them per day)", () => {
    // Every 97 minutes over two years, across the DST changes: each instant against the first
    // instant seen of its Paris day.
    const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone: calendar.time_zone, dateStyle: 'short' });
    const firstOfDay = new Map<string, Date>();
    let compared = 0;
    for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2028-01-01T00:00:00Z'); t += 97 * 60_000) {
      const now = new Date(t);
      const day = dayOf.format(now);
      const first = firstOfDay.get(day);
      if (!first) {
        firstOfDay.set(day, now);
        continue;
      }
      for (const lang of ['fr', 'en'] as const) expect(calendarVars(calendar, now, lang, say(lang))).toEqual(calendarVars(calendar, first, lang, say(lang)));
      compared++;
    }
    expect(firstOfDay.size).toBe(731); // 1 January 2028 begins at 23:00 UTC the day before
    expect(compared).toBeGreaterThan(9_000);
  });

  test('month names come from the locale, not from the code', () => {
    expect(monthAndYear('2027-03-01', 'fr')).toBe('mars 2027');
    expect(monthAndYear('2027-03-01', 'en')).toBe('March 2027');
  });

  test('the placeholders, worded with texts.yaml, in both languages', () => {
    const november = new Date('2026-11-23T09:00:00Z');
    expect(calendarVars(calendar, november, 'fr', say('fr'))).toEqual({
      factory_edition: 'octobre–novembre 2027',
      factory_registrations: "Les inscriptions à l'édition 2026 sont closes\u202f; la suivante aura lieu en octobre–novembre 2027, et nous vous préviendrons dès l'ouverture de ses inscriptions.",
      booster_next_cohort: 'La prochaine promotion démarre en mars 2027.',
      explorers_theme: 'la santé mentale',
    });
    expect(calendarVars(calendar, new Date('2026-09-15T09:00:00Z'), 'en', say('en'))).toEqual({
      factory_edition: 'October–November 2026',
      factory_registrations: 'The next edition takes place in October–November 2026, and registration is open until 30 September.',
      booster_next_cohort: 'The next cohort starts in March 2027.',
      explorers_theme: 'mental health',
    });
    // Once the cohort has started and nobody set the next one: no date in the past.
    expect(calendarVars(calendar, new Date('2027-04-01T09:00:00Z'), 'fr', say('fr')).booster_next_cohort).toBe('Les dates de la prochaine promotion seront annoncées prochainement.');
    // A one-month edition is named by that month alone.
    const single = { ...calendar, factory: { edition_months: [11], registrations_close: '10-15' } };
    expect(calendarVars(single, november, 'fr', say('fr')).factory_edition).toBe('novembre 2027');
  });
});

describe('where the Factory registrations stand, as the pitch says it', () => {
  const registrations = (iso: string, lang: 'fr' | 'en' = 'fr', cal: CalendarFile = calendar) =>
    calendarVars(cal, new Date(iso), lang, say(lang)).factory_registrations.replace(/[\u00a0\u202f]/g, ' ');

  test('open until the end of the closing day (Paris time), naming that day', () => {
    expect(registrations('2026-03-10T09:00:00Z')).toBe("La prochaine édition aura lieu en octobre–novembre 2026 et ses inscriptions sont ouvertes jusqu'au 30 septembre.");
    expect(registrations('2026-09-30T21:59:00Z', 'en')).toBe('The next edition takes place in October–November 2026, and registration is open until 30 September.');
  });

  test('closed while this year’s edition is to come or under way: no promise to register for it', () => {
    for (const iso of ['2026-09-30T22:00:00Z', '2026-10-15T09:00:00Z', '2026-11-30T22:59:00Z']) {
      const said = registrations(iso);
      expect(said).toBe("Les inscriptions à l'édition 2026 sont closes ; la suivante aura lieu en octobre–novembre 2027, et nous vous préviendrons dès l'ouverture de ses inscriptions.");
    }
  });

  test("after this year's edition: the next one, to register for when it opens", () => {
    expect(registrations('2026-12-01T09:00:00Z')).toBe("La prochaine édition aura lieu en octobre–novembre 2027 : nous vous préviendrons dès l'ouverture des inscriptions.");
    expect(registrations('2026-12-01T09:00:00Z', 'en')).toBe("The next edition takes place in October–November 2027: we'll let you know as soon as registration opens.");
  });

  test('a closing day on the 1st of a month reads "1er" in French', () => {
    const early = { ...calendar, factory: { edition_months: [11], registrations_close: '10-01' } };
    expect(registrations('2026-06-01T09:00:00Z', 'fr', early)).toBe("La prochaine édition aura lieu en novembre 2026 et ses inscriptions sont ouvertes jusqu'au 1er octobre.");
    expect(registrations('2026-06-01T09:00:00Z', 'en', early)).toBe('The next edition takes place in November 2026, and registration is open until 1 October.');
  });
});
