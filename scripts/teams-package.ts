import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { loadScriptEnv } from '../src/airtable/cli';
import { PROJECT_ROOT } from '../src/paths';

/**
 * `npm run teams:package [-- --out <file.zip>]`: the side-loadable Teams app package, i.e.
 * teams/manifest.template.json filled with the bot's ids, plus the two icons, zipped at the root.
 * Staff edit names, descriptions and developer links in the template; the ids come from the
 * environment: `MicrosoftAppId` (the Azure Bot's app id, required) and `TEAMS_APP_ID` (optional,
 * else derived from the bot id so that every build of the package is the same app for Teams).
 */
const TEAMS_DIR = path.join(PROJECT_ROOT, 'teams');
const DEFAULT_OUT = path.join(PROJECT_ROOT, 'dist', 'teams', 'probono-bot.zip');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The icon files and the size Teams requires for each. */
const ICONS = { color: 192, outline: 32 } as const;

function main(): number {
  const args = process.argv.slice(2);
  const at = args.indexOf('--out');
  const out = at >= 0 && args[at + 1] ? path.resolve(args[at + 1]) : DEFAULT_OUT;
  const env = loadScriptEnv();
  const botId = env.MicrosoftAppId.trim();
  if (!botId) {
    console.error('MicrosoftAppId is empty: set it to the app id of your Azure Bot (Azure portal → your bot → Configuration → Microsoft App ID), in .env or the environment.');
    return 1;
  }
  if (!GUID.test(botId)) {
    console.error(`MicrosoftAppId "${botId}" is not a GUID: Teams needs the Azure Bot's app id (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).`);
    return 1;
  }
  const appId = env.TEAMS_APP_ID?.trim() || derivedAppId(botId);
  if (!GUID.test(appId)) {
    console.error(`TEAMS_APP_ID "${appId}" is not a GUID (leave it empty to derive one from MicrosoftAppId).`);
    return 1;
  }

  let manifest: unknown;
  try {
    const template = JSON.parse(fs.readFileSync(path.join(TEAMS_DIR, 'manifest.template.json'), 'utf8')) as unknown;
    manifest = fill(template, { TEAMS_APP_ID: appId.toLowerCase(), BOT_ID: botId.toLowerCase() });
  } catch (err) {
    console.error(`teams/manifest.template.json: ${(err as Error).message}`);
    return 1;
  }
  const files = [{ name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) }];
  for (const [icon, size] of Object.entries(ICONS)) {
    const data = fs.readFileSync(path.join(TEAMS_DIR, `${icon}.png`));
    const found = pngSize(data);
    if (!found || found.width !== size || found.height !== size) {
      console.error(`teams/${icon}.png must be a ${size}x${size} PNG${found ? ` (it is ${found.width}x${found.height})` : ''}.`);
      return 1;
    }
    files.push({ name: `${icon}.png`, data });
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, zip(files));
  console.log(`Teams app package written to ${path.relative(process.cwd(), out) || out}`);
  console.log(`  app id ${appId.toLowerCase()}, bot id ${botId.toLowerCase()}`);
  console.log('  Upload it in Teams: Apps → Manage your apps → Upload an app → Upload a custom app.');
  return 0;
}

/** Replaces `{{NAME}}` in every string of the template; an unknown name is an error, not an empty string. */
function fill(node: unknown, vars: Record<string, string>): unknown {
  if (typeof node === 'string') {
    return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
      if (!(name in vars)) throw new Error(`unknown placeholder {{${name}}} (known: ${Object.keys(vars).join(', ')})`);
      return vars[name];
    });
  }
  if (Array.isArray(node)) return node.map((n) => fill(n, vars));
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v, vars)]));
  return node;
}

/** A name-based (version 5) UUID of the bot id: stable across builds, distinct from the bot id itself. */
export function derivedAppId(botId: string): string {
  const namespace = Buffer.from('3f0e8a52-6b1d-4c6e-9d2a-7a5b1c9e4f10'.replace(/-/g, ''), 'hex');
  const hash = crypto.createHash('sha1').update(namespace).update(`teams-app:${botId.toLowerCase()}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Width and height from a PNG's IHDR chunk, or undefined when the file is not a PNG. */
function pngSize(data: Buffer): { width: number; height: number } | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (data.length < 24 || !data.subarray(0, 8).equals(signature) || data.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

// ---------------------------------------------------------------- a minimal zip writer (deflate, no new package)

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Files at the archive's root, deflated, with a fixed date so the same inputs give the same bytes. */
function zip(files: { name: string; data: Buffer }[]): Buffer {
  const DOS_TIME = 0;
  const DOS_DATE = (1 << 5) | 1; // 1980-01-01
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const compressed = zlib.deflateRawSync(file.data, { level: 9 });
    const crc = crc32(file.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0, 6); // flags
    local.writeUInt16LE(8, 8); // method: deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28); // extra length
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra, comment, disk number, internal and external attributes: 0
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

if (require.main === module) process.exit(main());
