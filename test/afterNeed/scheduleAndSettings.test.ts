import { envSchema } from '../../src/config/env';
import { evaluationProblems, linkSecret } from '../../src/evaluations/settings';
import { addMonths, invitationDue, reminderDue } from '../../src/evaluations/schedule';
import { projectFlow } from '../airtable/helpers';

const settings = () => projectFlow().afterNeed!.evaluation!.settings;
const zone = () => projectFlow().calendar.time_zone;

describe('when evaluations are due', () => {
  test('10:00 on the operator’s clock, summer or winter time; four months later, clamped to the month’s last day', () => {
    expect(new Date(invitationDue('2026-06-15', 'hot', settings(), zone())).toISOString()).toBe('2026-06-15T08:00:00.000Z');
    // Medium term crosses the end of summer time: 10:00 in Paris is then 09:00 UTC.
    expect(new Date(invitationDue('2026-08-31', 'medium', settings(), zone())).toISOString()).toBe('2026-12-31T09:00:00.000Z');
    expect(new Date(invitationDue('2026-10-31', 'medium', settings(), zone())).toISOString()).toBe('2027-02-28T09:00:00.000Z');
    expect(addMonths('2027-10-31', 4)).toBe('2028-02-29');
    // The reminder: seven days after the day the invitation went, at 10:00, across the change to summer time.
    expect(new Date(reminderDue(Date.UTC(2027, 2, 25, 9, 0), settings(), zone())).toISOString()).toBe('2027-04-01T08:00:00.000Z');
  });
});

describe('evaluation settings', () => {
  const env = (extra: Record<string, string>) => envSchema.parse({ NODE_ENV: 'production', AIRTABLE_TOKEN: 'pat.x', AIRTABLE_BASE_ID: 'appX', ...extra });

  test('production with Airtable needs the links’ secret and the public address, unless mails are off', () => {
    expect(evaluationProblems(env({})).map((p) => p.split(':')[0])).toEqual(['EVALUATION_LINK_SECRET', 'PUBLIC_URL']);
    expect(evaluationProblems(env({ EVALUATIONS_BY_MAIL: 'false' }))).toEqual([]);
    expect(evaluationProblems(env({ EVALUATION_LINK_SECRET: 'x'.repeat(32), PUBLIC_URL: 'https://bot.example.org' }))).toEqual([]);
    expect(() => env({ EVALUATION_LINK_SECRET: 'too-short' })).toThrow(/at least 32 bytes/);
  });

  test('without a secret, a random one per start (links then die with the process)', () => {
    const a = linkSecret({ EVALUATION_LINK_SECRET: undefined });
    const b = linkSecret({ EVALUATION_LINK_SECRET: undefined });
    expect(a.random).toBe(true);
    expect(Buffer.compare(a.secret as Buffer, b.secret as Buffer)).not.toBe(0);
    expect(linkSecret({ EVALUATION_LINK_SECRET: 's'.repeat(32) })).toEqual({ secret: 's'.repeat(32), random: false });
  });
});
