// Runs the standard-decorator suite. It is compiled without experimentalDecorators by
// `tsc -p test/definition/standard-decorators` (part of `npm run build:test`) into
// build/standard-decorators/; that it compiles at all shows the decorators' types accept
// the standard call signatures.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const compiled = join(__dirname, '..', '..', 'standard-decorators', 'test', 'definition', 'standard-decorators', 'standard-decorators-suite.js');
if (!existsSync(compiled)) {
  throw new Error(`${compiled} is missing: run npm run build:test, which compiles test/definition/standard-decorators without experimentalDecorators`);
}
require(compiled);
