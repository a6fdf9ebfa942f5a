#!/usr/bin/env node
// Compiles TypeScript to dist/ when a source is newer than the last build, and builds the studio
// page (dist/studio) when its sources are, so `npm start` works straight after `npm ci` and
// stays fast afterwards.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const stamp = path.join(root, 'dist', '.build-stamp');

function newest(dir, pattern = /\.ts$/) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(full, pattern));
    else if (pattern.test(entry.name)) latest = Math.max(latest, fs.statSync(full).mtimeMs);
  }
  return latest;
}

const mtime = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);

const sources = Math.max(
  newest(path.join(root, 'src')),
  newest(path.join(root, 'scripts')),
  fs.statSync(path.join(root, 'tsconfig.json')).mtimeMs,
  fs.statSync(path.join(root, 'tsconfig.build.json')).mtimeMs,
);
const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
if (sources > built) {
  process.stderr.write('Building (tsc)…\n');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  fs.writeFileSync(stamp, new Date().toISOString());
}

// The YAML read at start, parsed at build (src/flow/yamlValues.ts): again when tsc ran or a YAML file
// changed. Only where the script is (the runtime image ships dist/yaml-values.json); a stale file
// costs only speed (a text not found in it is parsed at start).
const yamlScript = path.join(root, 'scripts', 'build-yaml-values.js');
const yamlValues = path.join(root, 'dist', 'yaml-values.json');
if (fs.existsSync(yamlScript)) {
  const yamlSources = Math.max(
    newest(path.join(root, 'dialogs'), /\.ya?ml$/),
    mtime(path.join(root, 'studio', 'texts.yaml')),
    mtime(stamp),
    mtime(yamlScript),
  );
  if (yamlSources > mtime(yamlValues)) execFileSync(process.execPath, [yamlScript], { stdio: 'inherit' });
}

// The studio page: only where its sources are (not in the runtime image, which ships dist/studio).
const studioSources = path.join(root, 'studio', 'src');
const studioStamp = path.join(root, 'dist', 'studio', '.build-stamp');
if (fs.existsSync(studioSources)) {
  const studio = Math.max(
    newest(studioSources, /\.(tsx?|css)$/),
    mtime(path.join(root, 'studio', 'tsconfig.json')),
    mtime(path.join(root, 'studio', 'texts.yaml')),
    mtime(path.join(root, 'scripts', 'build-studio.js')),
  );
  if (studio > mtime(studioStamp)) {
    process.stderr.write('Building the studio page (esbuild)…\n');
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build-studio.js')], { stdio: 'inherit' });
  }
}
