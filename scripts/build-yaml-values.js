#!/usr/bin/env node
// Writes dist/yaml-values.json: the value of every YAML file the server reads at start (the
// journey in dialogs/, the studio's texts), by the SHA-256 of its text, so that a start does not
// parse them again (src/flow/yamlValues.ts). Runs after tsc: it uses the compiled module.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const { yamlValuesOf, YAML_VALUES_FILE } = require(path.join(root, 'dist', 'src', 'flow', 'yamlValues.js'));

function yamlFiles(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...yamlFiles(full));
    else if (/\.ya?ml$/.test(entry.name)) found.push(full);
  }
  return found;
}

const files = [...yamlFiles(path.join(root, 'dialogs')), path.join(root, 'studio', 'texts.yaml')];
const out = yamlValuesOf(files.map((file) => fs.readFileSync(file, 'utf8')));
fs.writeFileSync(YAML_VALUES_FILE, JSON.stringify(out));
console.log(`yaml values: ${Object.keys(out.values).length} of ${files.length} files (${path.relative(root, YAML_VALUES_FILE)})`);
