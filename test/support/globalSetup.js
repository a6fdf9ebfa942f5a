// Tests that start the built server or scripts need dist/ to match the sources.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = () => {
  execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'build-if-needed.js')], { stdio: 'inherit' });
};
