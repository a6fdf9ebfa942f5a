import { runPartnerScript, withPartnerStore } from './partners-cli';

/** `npm run partners:list`: every partner key (never the key itself nor its secrets). */
async function main(): Promise<number> {
  return withPartnerStore(async (stores) => {
    const keys = await stores.partnerKeys.list();
    if (!keys.length) {
      console.log('No partner key yet: npm run partners:add -- <partner id>');
      return 0;
    }
    for (const k of keys) {
      const state = k.revokedAt ? `revoked ${k.revokedAt}` : 'active';
      console.log(`${k.id}  ${k.partnerId}  ${state}  created ${k.createdAt}  scopes ${k.scopes.join(',')}  webhook ${k.webhookUrl ?? '(none)'}`);
    }
    return 0;
  });
}

runPartnerScript(main);
