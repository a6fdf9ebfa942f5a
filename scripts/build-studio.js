#!/usr/bin/env node
// Builds the studio page (studio/src, React + TypeScript) with esbuild into dist/studio:
// index.html plus content-hashed assets under dist/studio/assets/. Nothing runs inline (the
// server's CSP is script-src 'self') and nothing is fetched from the network at run time.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const source = path.join(root, 'studio', 'src');
const out = path.join(root, 'dist', 'studio');
const assets = path.join(out, 'assets');
/** Where the server serves dist/studio/assets (STUDIO-API.md). */
const PUBLIC_ASSETS = '/studio/assets';

const hashOf = (buf) => crypto.createHash('sha256').update(buf).digest('hex').slice(0, 10).toUpperCase();

/** ELK's layout runs in a web worker: its 1.6 MB stays out of the page's own bundle. */
function copyElkWorker() {
  const worker = fs.readFileSync(require.resolve('elkjs/lib/elk-worker.min.js'));
  const name = `elk-worker-${hashOf(worker)}.js`;
  fs.writeFileSync(path.join(assets, name), worker);
  return `${PUBLIC_ASSETS}/${name}`;
}

/** The few words index.html needs before the script has the interface texts: its title, and what to say if the server does not answer. */
function pageTexts() {
  const YAML = require('yaml');
  const texts = YAML.parse(fs.readFileSync(path.join(root, 'studio', 'texts.yaml'), 'utf8'));
  const need = (key) => {
    if (!texts[key]?.fr || !texts[key]?.en) throw new Error(`studio/texts.yaml: ${key} needs fr and en`);
    return texts[key];
  };
  return { title: need('ui.app.title').fr, bootFailed: need('ui.app.boot_failed') };
}

const escapeHtml = (s) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]);

async function build() {
  const esbuild = require('esbuild');
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(assets, { recursive: true });
  const elkWorkerUrl = copyElkWorker();
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { studio: path.join(source, 'main.tsx') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    outdir: assets,
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    minify: true,
    sourcemap: false,
    legalComments: 'linked',
    jsx: 'automatic',
    metafile: true,
    tsconfig: path.join(root, 'studio', 'tsconfig.json'),
    define: { 'process.env.NODE_ENV': '"production"', __ELK_WORKER_URL__: JSON.stringify(elkWorkerUrl) },
    logLevel: 'warning',
  });
  const outputs = Object.entries(result.metafile.outputs);
  const entry = outputs.find(([, o]) => o.entryPoint && o.entryPoint.endsWith('main.tsx'));
  if (!entry) throw new Error('esbuild produced no entry bundle');
  const publicUrl = (file) => `${PUBLIC_ASSETS}/${path.basename(file)}`;
  const css = entry[1].cssBundle;
  const words = pageTexts();
  const html = [
    '<!doctype html>',
    '<html lang="fr">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(words.title)}</title>`,
    // No favicon request (it would 404): an empty icon.
    '<link rel="icon" href="data:,">',
    css ? `<link rel="stylesheet" href="${publicUrl(css)}">` : '',
    `<script type="module" src="${publicUrl(entry[0])}"></script>`,
    '</head>',
    '<body>',
    '<div id="studio"></div>',
    `<div id="boot-error" role="alert" hidden><p lang="fr">${escapeHtml(words.bootFailed.fr)}</p><p lang="en">${escapeHtml(words.bootFailed.en)}</p></div>`,
    '</body>',
    '</html>',
    '',
  ]
    .filter(Boolean)
    .join('\n');
  fs.writeFileSync(path.join(out, 'index.html'), html);
  fs.writeFileSync(path.join(out, '.build-stamp'), new Date().toISOString());
  return report();
}

/** Sizes of what the browser downloads (the ELK worker apart, loaded when the map is shown). */
function report() {
  const files = fs.readdirSync(assets).map((name) => ({ name, size: fs.statSync(path.join(assets, name)).size }));
  const zlib = require('node:zlib');
  const gz = (name) => zlib.gzipSync(fs.readFileSync(path.join(assets, name))).length;
  const kb = (n) => `${(n / 1024).toFixed(0)} kB`;
  const lines = files
    .filter((f) => /\.(js|css)$/.test(f.name))
    .sort((a, b) => b.size - a.size)
    .map((f) => `  ${f.name.padEnd(40)} ${kb(f.size).padStart(8)} (gzip ${kb(gz(f.name))})`);
  process.stderr.write(`Studio built into dist/studio:\n${lines.join('\n')}\n`);
}

module.exports = { build };

if (require.main === module) {
  build().catch((err) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exit(1);
  });
}
