import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import Ajv from 'ajv';
import { PROJECT_ROOT } from '../../src/paths';
import { derivedAppId } from '../../scripts/teams-package';

const run = promisify(execFile);
const BOT_ID = '9b1f2c5e-4d7a-4c1e-9a3b-2f6d8e0c1a7b';

/** The built script (dist/, made by Jest's global setup), as `npm run teams:package` runs it. */
async function teamsPackage(env: Record<string, string>, args: string[] = []) {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'scripts', 'teams-package.js'), ...args], {
      // Empty values shadow any developer .env: the script sees exactly these.
      env: { PATH: process.env.PATH ?? '', MicrosoftAppId: '', TEAMS_APP_ID: '', LOG_LEVEL: 'warn', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Reads a zip through its central directory, checking each entry's CRC. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThan(0);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const stored = zip.subarray(start, start + size);
    const data = method === 8 ? zlib.inflateRawSync(stored) : stored;
    expect(zlib.crc32(data)).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** Decodes an 8-bit RGBA, non-interlaced PNG into its pixels (all five row filters). */
function decodePng(png: Buffer): { width: number; height: number; pixels: Buffer } {
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  let at = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9], data[12]]).toEqual([8, 6, 0]); // 8 bits, RGBA, not interlaced
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? pixels[y * stride + x - 4] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      pixels[y * stride + x] = (raw[y * (stride + 1) + 1 + x] + predictor) & 0xff;
    }
  }
  return { width, height, pixels };
}

/** The official schema of the version the manifest declares, vendored under teams/schema/. */
function schemaValidator(manifestVersion: string) {
  const schema = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'teams', 'schema', `v${manifestVersion}`, 'MicrosoftTeams.schema.json'), 'utf8'));
  // Draft-04 schema with non-unicode patterns: ajv reads it once its meta-schema check is off.
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false, unicodeRegExp: false, formats: { uri: /^[a-z][a-z0-9+.-]*:\/\/\S+$/i } });
  return ajv.compile(schema);
}

describe('npm run teams:package', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'teams-package-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('writes manifest.json, color.png and outline.png at the zip root; the manifest is valid against the schema it declares', async () => {
    const out = path.join(tmp, 'app.zip');
    const result = await teamsPackage({ MicrosoftAppId: BOT_ID.toUpperCase() }, ['--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Upload an app');
    const files = unzip(fs.readFileSync(out));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);

    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
    const validate = schemaValidator(manifest.manifestVersion);
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(manifest.bots[0].scopes).toEqual(expect.arrayContaining(['personal', 'team', 'groupChat']));
    // The app id: stable for this bot, not the bot id itself.
    expect(manifest.id).toBe(derivedAppId(BOT_ID));
    expect(manifest.id).not.toBe(BOT_ID);
    expect(JSON.stringify(manifest)).not.toContain('{{');

    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    const color = decodePng(files.get('color.png')!);
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = decodePng(files.get('outline.png')!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    // White on transparent: every pixel is white (at some opacity), the background fully transparent.
    let transparent = 0;
    let opaque = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const [r, g, b, a] = outline.pixels.subarray(i, i + 4);
      if (a > 0) expect([r, g, b]).toEqual([255, 255, 255]);
      if (a === 0) transparent++;
      if (a === 255) opaque++;
    }
    expect(transparent).toBeGreaterThan(100);
    expect(opaque).toBeGreaterThan(100);

    // Same inputs, same bytes: the package can be rebuilt and compared.
    const again = path.join(tmp, 'again.zip');
    expect((await teamsPackage({ MicrosoftAppId: BOT_ID }, ['--out', again])).code).toBe(0);
    expect(fs.readFileSync(again).equals(fs.readFileSync(out))).toBe(true);
  });

  test('the schema check is real: a manifest breaking it is reported', async () => {
    const out = path.join(tmp, 'app.zip');
    expect((await teamsPackage({ MicrosoftAppId: BOT_ID }, ['--out', out])).code).toBe(0);
    const manifest = JSON.parse(unzip(fs.readFileSync(out)).get('manifest.json')!.toString('utf8'));
    const validate = schemaValidator(manifest.manifestVersion);
    const broken = { ...manifest, description: { ...manifest.description, short: 'x'.repeat(81) }, bots: [{ ...manifest.bots[0], botId: 'not-a-guid' }] };
    expect(validate(broken)).toBe(false);
    expect(validate.errors!.map((e) => e.instancePath)).toEqual(expect.arrayContaining(['/description/short', '/bots/0/botId']));
  });

  test('TEAMS_APP_ID sets the app id; an empty or malformed MicrosoftAppId stops with a clear message and no file', async () => {
    const out = path.join(tmp, 'app.zip');
    const appId = '0f6b2c1d-3e4f-4a5b-8c7d-9e0f1a2b3c4d';
    expect((await teamsPackage({ MicrosoftAppId: BOT_ID, TEAMS_APP_ID: appId }, ['--out', out])).code).toBe(0);
    expect(JSON.parse(unzip(fs.readFileSync(out)).get('manifest.json')!.toString('utf8')).id).toBe(appId);
    fs.rmSync(out);

    const missing = await teamsPackage({}, ['--out', out]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('MicrosoftAppId is empty');
    const malformed = await teamsPackage({ MicrosoftAppId: 'my-bot' }, ['--out', out]);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('is not a GUID');
    expect(fs.existsSync(out)).toBe(false);
  });
});
