// Runs the class-field suite compiled with useDefineForClassFields: false. That build is
// made by `tsc -p test/definition/legacy-fields` (part of `npm run build:test`) into
// build/legacy-fields/, so the library and harness it uses are compiled the same way.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const compiled = join(__dirname, '..', '..', 'legacy-fields', 'test', 'definition', 'legacy-fields', 'class-fields-legacy.js');
if (!existsSync(compiled)) {
  throw new Error(`${compiled} is missing: run npm run build:test, which compiles test/definition/legacy-fields with useDefineForClassFields: false`);
}
require(compiled);
