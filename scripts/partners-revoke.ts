import { runPartnerScript, withPartnerStore } from './partners-cli';

/** `npm run partners:revoke -- <key id>`: the key is refused from now on, and its webhooks stop. */
async function main(): Promise<number> {
  const id = process.argv[2]?.trim();
  if (!id || id.startsWith('-')) {
    console.error('Usage: npm run partners:revoke -- <key id>   (the ids: npm run partners:list)');
    return 2;
  }
  return withPartnerStore(async (stores) => {
    if (!(await stores.partnerKeys.revoke(id, new Date()))) {
      console.error(`No partner key ${id} (the ids: npm run partners:list).`);
      return 1;
    }
    console.log(`Key ${id} revoked: requests with it get 401, its webhooks stop.`);
    return 0;
  });
}

runPartnerScript(main);
