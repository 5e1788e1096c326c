// Writes the ESM entry of the package next to the CommonJS build:
// - dist/index.mjs re-exports the CommonJS build, so `import … from 'inscribe'` and
//   `require('inscribe')` share one module instance (one Model class, one registry);
// - dist/index.d.mts gives ESM importers declarations of their own (a .d.ts next to
//   index.js describes a CommonJS module), so type checkers agree with Node on both.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const dist = path.join(__dirname, '..', 'dist');
const cjs = require(path.join(dist, 'index.js'));
const names = Object.keys(cjs).filter((n) => n !== 'default' && n !== '__esModule');
const text = `import cjs from './index.js';\nexport const { ${names.join(', ')} } = cjs;\nexport default cjs;\n`;
fs.writeFileSync(path.join(dist, 'index.mjs'), text);
const types = `// The ESM view of ./index.js: the same exports, and the module object as the default.\nexport * from './index.js';\nimport * as inscribe from './index.js';\nexport default inscribe;\n`;
fs.writeFileSync(path.join(dist, 'index.d.mts'), types);
