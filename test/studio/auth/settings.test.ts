import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readEnv } from '../../../src/config/env';
import { studioAuthProblems, studioAuthSettings } from '../../../src/studio/auth/settings';
import { judgeSignIn } from '../../../src/studio/auth/staff';
import { AUTH_TEXT_KEYS, loadAuthTexts, pickLanguage } from '../../../src/studio/http/authTexts';
import { safeReturnTo } from '../../../src/studio/http/studioPaths';

const SECRET = 'x'.repeat(32);
const complete = {
  PUBLIC_URL: 'https://bot.example.org',
  STUDIO_OIDC_ISSUER: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0',
  STUDIO_OIDC_CLIENT_ID: 'client',
  STUDIO_OIDC_CLIENT_SECRET: 'secret',
  STUDIO_SESSION_SECRET: SECRET,
  STUDIO_ALLOWED_EMAILS: 'Ada@Example.org, grace@example.org',
};

describe('the start-up check of the studio sign-in', () => {
  test('OIDC half configured: every missing variable is named, in any NODE_ENV', () => {
    for (const NODE_ENV of ['production', 'development']) {
      const problems = studioAuthProblems(readEnv({ NODE_ENV, STUDIO_OIDC_ISSUER: complete.STUDIO_OIDC_ISSUER }));
      expect(problems.map((p) => p.split(':')[0])).toEqual([
        'STUDIO_OIDC_CLIENT_ID',
        'STUDIO_OIDC_CLIENT_SECRET',
        'STUDIO_SESSION_SECRET',
        'PUBLIC_URL',
        'STUDIO_ALLOWED_EMAILS or STUDIO_ALLOWED_GROUPS',
      ]);
      expect(() => studioAuthSettings(readEnv({ NODE_ENV, STUDIO_OIDC_CLIENT_ID: 'client' }))).toThrow(/STUDIO_OIDC_ISSUER: required/);
    }
  });

  test('OIDC complete: no problem; the redirect URI is PUBLIC_URL + /studio/auth/callback; cookies Secure on https', () => {
    const env = readEnv({ NODE_ENV: 'production', ...complete, PUBLIC_URL: 'https://bot.example.org/' });
    expect(studioAuthProblems(env)).toEqual([]);
    const settings = studioAuthSettings(env);
    if (settings.mode !== 'oidc') throw new Error(`mode ${settings.mode}`);
    expect(settings.oidc.redirectUri).toBe('https://bot.example.org/studio/auth/callback');
    expect(settings.secure).toBe(true);
    expect([...settings.allow.emails]).toEqual(['ada@example.org', 'grace@example.org']);
  });

  test('no STUDIO_OIDC_*: closed in production, the local link otherwise', () => {
    expect(studioAuthProblems(readEnv({ NODE_ENV: 'production' }))).toEqual([]);
    expect(studioAuthSettings(readEnv({ NODE_ENV: 'production' })).mode).toBe('closed');
    expect(studioAuthSettings(readEnv({ NODE_ENV: 'development' })).mode).toBe('local');
    expect(studioAuthSettings(readEnv({ NODE_ENV: 'test' })).mode).toBe('local');
  });

  test('a plain-http issuer is refused unless it is on this machine; a short session secret is refused', () => {
    expect(studioAuthProblems(readEnv({ ...complete, STUDIO_OIDC_ISSUER: 'http://idp.example.org/v2.0' }))).toEqual([
      expect.stringMatching(/^STUDIO_OIDC_ISSUER: must be https/),
    ]);
    expect(studioAuthProblems(readEnv({ ...complete, STUDIO_OIDC_ISSUER: 'http://127.0.0.1:4000' }))).toEqual([]);
    expect(() => readEnv({ STUDIO_SESSION_SECRET: 'x'.repeat(31) })).toThrow(/STUDIO_SESSION_SECRET: at least 32 bytes/);
  });
});

describe('who may enter', () => {
  const allow = { emails: new Set(['ada@example.org']), groups: new Set(['6f1c0a3e-0000-4000-8000-000000000001']) };

  test('by email (case-insensitive), by group; others get their name back for the 403 page', () => {
    expect(judgeSignIn({ sub: 's1', oid: 'o1', email: 'Ada@Example.ORG', name: 'Ada' }, allow)).toEqual({
      allowed: true,
      staff: { id: 'o1', email: 'ada@example.org', name: 'Ada' },
    });
    expect(judgeSignIn({ sub: 's2', email: 'grace@example.org', groups: ['6F1C0A3E-0000-4000-8000-000000000001'] }, allow)).toMatchObject({ allowed: true });
    expect(judgeSignIn({ sub: 's3', preferred_username: 'ada@example.org' }, allow)).toMatchObject({ allowed: true });
    expect(judgeSignIn({ sub: 's4', email: 'mallory@example.org', groups: ['other'] }, allow)).toEqual({ allowed: false, shownAs: 'mallory@example.org' });
    expect(judgeSignIn({ sub: 's5', email: 'ada@example.org', email_verified: false }, allow)).toMatchObject({ allowed: false });
  });
});

describe('the sign-in texts and language', () => {
  test('studio/texts.auth.yaml has every key in French and English; a missing one is named', () => {
    const texts = loadAuthTexts();
    for (const key of AUTH_TEXT_KEYS) expect([key, texts[key].fr.length > 0, texts[key].en.length > 0]).toEqual([key, true, true]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-texts-'));
    const file = path.join(dir, 'texts.auth.yaml');
    fs.writeFileSync(file, 'auth.page_title: { fr: "Studio" }\n');
    try {
      expect(() => loadAuthTexts(file)).toThrow(/texts\.auth\.yaml: auth\.page_title\.en/);
      expect(() => loadAuthTexts(file)).toThrow(/auth\.forbidden\.ask/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('French first; English on ?lang=en or when preferred to French', () => {
    const req = (url: string, acceptLanguage?: string) => ({ url, headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} }) as never;
    expect(pickLanguage(req('/studio/'))).toBe('fr');
    expect(pickLanguage(req('/studio/?lang=en'))).toBe('en');
    expect(pickLanguage(req('/studio/?lang=fr', 'en'))).toBe('fr');
    expect(pickLanguage(req('/studio/', 'en-US,en;q=0.9'))).toBe('en');
    expect(pickLanguage(req('/studio/', 'fr;q=0.4, en;q=0.6'))).toBe('en');
    expect(pickLanguage(req('/studio/', 'de, en;q=0, fr;q=0.1'))).toBe('fr');
  });
});

describe('where a sign-in returns to', () => {
  test('a studio page of this server only', () => {
    expect(safeReturnTo('/studio/map?lang=en')).toBe('/studio/map?lang=en');
    for (const bad of [undefined, '', 'https://evil.example/studio/', '//evil.example/studio/', '/\\evil.example', '/other', '/studio/login?token=x', '/studio/auth/callback', 'studio/map']) {
      expect([bad, safeReturnTo(bad)]).toEqual([bad, '/studio/']);
    }
  });
});
