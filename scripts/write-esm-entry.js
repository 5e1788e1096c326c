// Writes dist/index.mjs: an ESM entry that re-exports the CommonJS build, so
// `import … from 'inscribe'` and `require('inscribe')` share one module instance.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const cjs = require(path.join(__dirname, '..', 'dist', 'index.js'));
const names = Object.keys(cjs).filter((n) => n !== 'default' && n !== '__esModule');
const text = `import cjs from './index.js';\nexport const { ${names.join(', ')} } = cjs;\nexport default cjs;\n`;
fs.writeFileSync(path.join(__dirname, '..', 'dist', 'index.mjs'), text);
