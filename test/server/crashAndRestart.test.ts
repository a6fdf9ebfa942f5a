import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';
import { BotProcess, freePort } from '../support/botProcess';
import { CaptureChannel } from '../support/channelHarness';
import { talk } from '../support/talk';

/**
 * The real server process, spoken to as a channel does (activities on /api/messages, replies
 * on the channel's serviceUrl), killed with SIGKILL mid-conversation and after a confirmed need.
 * Its clock starts on 23 November 2026 (TEST_CLOCK_START), so the dates it reads are the same
 * whatever day the test runs.
 */
const CLOCK_START = '2026-11-23T10:00:00+01:00';

describe('the server process: health, readiness, crash and restart', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-crash-'));
  const channel = new CaptureChannel();
  let bot: BotProcess;
  const say = talk(() => bot.url, channel, 'crash-conv');

  beforeAll(async () => {
    await channel.start();
    bot = new BotProcess(await freePort(), dataDir, CLOCK_START);
  });
  afterAll(async () => {
    await bot.stop();
    await channel.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('/healthz answers at once, /readyz 503 until the journey is loaded, then 200', async () => {
    bot.start();
    await bot.waitFor('/healthz', 200);
    // How many 503s come first depends on the machine's speed: none may, never anything else.
    const readiness = await bot.waitFor('/readyz', 200);
    expect(readiness[readiness.length - 1]).toBe(200);
    expect(new Set(readiness.slice(0, -1))).toEqual(new Set(readiness.length > 1 ? [503] : []));
    await bot.waitForOutput('journey loaded: ready');
    expect(bot.output).toContain('TEST_CLOCK_START: the clock of the turns is moved');
  }, 120_000);

  test('killed mid-conversation, restarted: the conversation continues where it was', async () => {
    await say('bonjour', 'Acceptez-vous');
    await say('oui', 'nom');
    await say('Atelier Vélo Solidaire', 'forme juridique');
    await bot.crash();
    bot.start();
    await bot.waitFor('/readyz', 200);
    await say('association', 'RNA');
  }, 120_000);

  test('a confirmed need survives a kill right after the confirmation, and needs:export prints it', async () => {
    const answers: [string, string][] = [
      ['W751234567', 'code postal'],
      ['93300 Aubervilliers', 'année'],
      ['2018', 'salariés'],
      ['aucun', 'bénévoles'],
      ['une dizaine', 'budget'],
      ['20 000 €', 'causes'],
      ['insertion', 'site'],
      ['passer', 'situation financière'],
      ['fragile', 'Combien de personnes'],
      ['2', 'Décrivez'],
      ['Nous voulons un site internet pour présenter nos ateliers de réparation.', 'Numérique et outils'],
      ['oui', 'déjà essayé'],
      ['rien', 'ponctuel'],
      ['une réalisation technique', 'échéance'],
      ["d'ici fin mars", 'prestataire'],
      ['5000 euros', 'votre nom'],
      ['Léa Dupont', 'e-mail'],
      ['lea@atelier-velo.fr', 'téléphone'],
      ['0612345678', 'Dernière question'],
      ['non', 'récapitulatif'],
    ];
    for (const [text, expected] of answers) await say(text, expected);
    const done = await say('confirmer', 'Mission freelance');
    // The reference's year is the clock's, not today's.
    const reference = /PBL-2026-\d{5}/.exec(done)![0];
    await bot.crash();

    const exported = execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'scripts', 'needs-export.js'), '--format', 'json'], {
      env: { ...process.env, DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    const needs = JSON.parse(exported) as Record<string, unknown>[];
    expect(needs).toHaveLength(1);
    expect(needs[0]).toMatchObject({
      Référence: reference,
      Structure: 'Atelier Vélo Solidaire',
      Nom: 'Atelier Vélo Solidaire',
      'Programme recommandé': 'Mission freelance',
      'Budget prestataire (€)': 5000,
      // "d'ici fin mars" on 23 November 2026: the next end of March.
      Échéance: '2027-03-31',
      Territoire: 'Île-de-France',
      Email: 'lea@atelier-velo.fr',
    });
    const csv = execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'scripts', 'needs-export.js'), '--format', 'csv'], {
      env: { ...process.env, DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    const [header, row] = csv.trim().split('\r\n');
    expect(header.startsWith('Référence,Structure,Statut,')).toBe(true);
    expect(row).toContain(reference);

    bot.start();
    await bot.waitFor('/readyz', 200);
    await say('bonjour', reference);
  }, 180_000);
});
