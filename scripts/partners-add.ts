import { DEFAULT_SCOPES, newPartnerKey, type Scope, SCOPES, webhookUrlProblem } from '../src/partners/keys';
import { option, positional } from './journey-cli';
import { livePartners, runPartnerScript, withPartnerStore } from './partners-cli';

/**
 * `npm run partners:add -- <partner id> [--webhook <url>] [--scopes needs:read,needs:contact,missions:read]`:
 * a new API key for a partner of dialogs/partners.yaml. Prints the key and the webhook secret
 * once: only the key's SHA-256 digest is kept.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const [partnerId, ...extra] = positional(args, ['webhook', 'scopes']);
  const webhook = option(args, 'webhook');
  const scopesText = option(args, 'scopes');
  const usage = `Usage: npm run partners:add -- <partner id> [--webhook <https url>] [--scopes ${SCOPES.join(',')}]`;
  if (!partnerId || extra.length) {
    console.error(usage);
    return 2;
  }
  const scopes = scopesText === undefined ? [...DEFAULT_SCOPES] : scopesText.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown.length || !scopes.length) {
    console.error(`Unknown scope ${unknown.join(', ') || '(none given)'}: choose among ${SCOPES.join(', ')}.`);
    return 2;
  }
  const problem = webhook === undefined ? undefined : webhookUrlProblem(webhook);
  if (problem) {
    console.error(`--webhook: ${problem}.`);
    return 2;
  }
  return withPartnerStore(async (stores, env) => {
    const partners = await livePartners(stores, env);
    const partner = partners.find((p) => p.id === partnerId);
    if (!partner) {
      console.error(`No partner "${partnerId}" in dialogs/partners.yaml (partners: ${partners.map((p) => p.id).join(', ') || 'none'}).`);
      return 1;
    }
    const key = newPartnerKey(partner.id, scopes as Scope[], webhook, new Date());
    await stores.partnerKeys.add(key.record);
    console.log(`Key ${key.record.id} created for ${partner.id} (${partner.name.fr}), scopes ${key.record.scopes.join(', ')}.`);
    console.log('\nAPI key — shown once, give it to the partner (Authorization: Bearer <key>); only its hash is kept:');
    console.log(`  ${key.apiKey}`);
    if (key.webhookSecret) {
      console.log(`\nWebhook secret (Standard Webhooks) — shown once; webhooks go to ${webhook}:`);
      console.log(`  ${key.webhookSecret}`);
    }
    console.log(`\nRevoke it with: npm run partners:revoke -- ${key.record.id}`);
    return 0;
  });
}

runPartnerScript(main);
