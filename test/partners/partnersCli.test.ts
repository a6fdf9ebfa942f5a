import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { hashKey, keyMatches } from '../../src/partners/keys';
import { closeDatabase, openDatabase } from '../../src/stores/sqlite/database';
import { SqlitePartnerKeys } from '../../src/stores/sqlite/sqlitePartnerKeys';
import { makeTempDir } from '../stores/tempDir';
import { runBuiltScript } from '../support/builtScript';

/** The built partners:add / list / revoke scripts (dist/, made by Jest's global setup) on a SQLite data dir. */
describe('npm run partners:add / partners:list / partners:revoke', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.cleanup());

  const script = (name: string, args: string[]) =>
    runBuiltScript(name, args, { PATH: process.env.PATH ?? '', DATA_DIR: path.join(tmp.dir, 'data'), LOG_LEVEL: 'warn' }, tmp.dir);
  const stored = async () => {
    const db = openDatabase(path.join(tmp.dir, 'data'));
    try {
      return await new SqlitePartnerKeys(db).list();
    } finally {
      closeDatabase(db);
    }
  };

  it('prints the key and the webhook secret once, keeps only the key digest; list never shows them; revoke refuses the key', async () => {
    const added = await script('partners-add', ['freelance', '--webhook', 'http://127.0.0.1:8080/hooks', '--scopes', 'needs:read,needs:contact']);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    const apiKey = /^ {2}(pk_\S+)$/m.exec(added.stdout)?.[1];
    const secret = /^ {2}(whsec_\S+)$/m.exec(added.stdout)?.[1];
    expect(apiKey).toBeDefined();
    expect(secret).toBeDefined();
    // A secret Standard Webhooks accepts.
    expect(() => new Webhook(secret!)).not.toThrow();
    const [record] = await stored();
    expect(record).toMatchObject({ partnerId: 'freelance', scopes: ['needs:read', 'needs:contact'], webhookUrl: 'http://127.0.0.1:8080/hooks', webhookSecret: secret, keyHash: hashKey(apiKey!) });
    // `pk_<hex id>_<base64url>`: the secret is everything after the id (base64url may hold `_`, even first).
    const keySecret = apiKey!.split('_').slice(2).join('_');
    expect(keySecret).toHaveLength(43);
    expect(JSON.stringify(record)).not.toContain(keySecret);
    expect(keyMatches(record, apiKey!)).toBe(true);
    expect(added.stdout).toContain(`npm run partners:revoke -- ${record.id}`);

    const plain = await script('partners-add', ['freelance']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).not.toContain('whsec_');
    expect((await stored())[1]).toMatchObject({ scopes: ['needs:read', 'missions:read'] });
    expect((await stored())[1]).not.toHaveProperty('webhookUrl');

    const listed = await script('partners-list', []);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${record.id}  freelance  active`);
    expect(listed.stdout).not.toMatch(/pk_|whsec_/);

    expect(await script('partners-revoke', [record.id])).toMatchObject({ code: 0, stdout: expect.stringContaining(`Key ${record.id} revoked`) });
    expect(keyMatches((await stored())[0], apiKey!)).toBe(false);
    expect((await script('partners-list', [])).stdout).toMatch(new RegExp(`${record.id} {2}freelance {2}revoked `));
  });

  it('refuses with a clear message and stores nothing: unknown partner, unknown scope, a webhook URL that is not https, no id to revoke', async () => {
    const cases: [string, string[], number, RegExp][] = [
      ['partners-add', ['nobody'], 1, /No partner "nobody" in dialogs\/partners\.yaml \(partners: .*freelance/],
      ['partners-add', ['freelance', '--scopes', 'needs:write'], 2, /Unknown scope needs:write: choose among needs:read, needs:contact, missions:read/],
      ['partners-add', ['freelance', '--webhook', 'http://partner.example/hooks'], 2, /--webhook: an https URL/],
      ['partners-add', ['freelance', '--webhook', 'https://user:pw@partner.example/hooks'], 2, /credentials do not belong in the URL/],
      ['partners-add', [], 2, /Usage: npm run partners:add/],
      ['partners-revoke', ['ffffffffffffffff'], 1, /No partner key ffffffffffffffff/],
      ['partners-revoke', [], 2, /Usage: npm run partners:revoke/],
    ];
    for (const [name, args, code, message] of cases) {
      const r = await script(name, args);
      expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code, stdout: '' });
      expect(r.stderr).toMatch(message);
    }
    expect(await stored()).toEqual([]);
    expect((await script('partners-list', [])).stdout).toContain('No partner key yet');
  });
});
