#!/usr/bin/env node
// `npm start`: a local trial unless told otherwise. NODE_ENV=development is set only when neither
// the environment nor .env sets NODE_ENV, so that production settings are never overridden; with
// NODE_ENV unset the server itself refuses to start without credentials.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const dotenv = path.join(root, '.env');
// Real variables win over .env (the server reads it the same way).
if (fs.existsSync(dotenv)) process.loadEnvFile(dotenv);
if (!process.env.NODE_ENV) process.env.NODE_ENV = 'development';
require(path.join(root, 'dist', 'src', 'index.js'));
