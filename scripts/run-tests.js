// Runs the compiled test suite (build/test) with node's test runner, against the
// PostgreSQL server and PGlite. With no server answering: a loud skip of the server half
// locally, a failure under CI.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const net = require('node:net');

const root = path.join(__dirname, '..');
const testDir = path.join(root, 'build', 'test');

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'support' ? [] : files(p);
    return e.name.endsWith('.test.js') ? [p] : [];
  });
}

function serverAnswers(url) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname || '127.0.0.1', port: Number(u.port || 5432) });
    const done = (ok) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(3000, () => done(false));
    socket.on('connect', () => done(true));
    socket.on('error', () => done(false));
  });
}

(async () => {
  const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const env = { ...process.env };
  if (process.env.TEST_DRIVER !== 'pglite' && !(await serverAnswers(url))) {
    if (process.env.CI) {
      console.error(`\nFAIL: no PostgreSQL server answers at ${url.replace(/:[^:@/]*@/, ':***@')} and CI is set.\n`);
      process.exit(1);
    }
    console.error('\n' + '!'.repeat(78) + `\n!! No PostgreSQL server answers at ${url.replace(/:[^:@/]*@/, ':***@')}.\n!! SKIPPING the server half of the suite; only PGlite runs. Start PostgreSQL to run it all.\n` + '!'.repeat(78) + '\n');
    env.INSCRIBE_TEST_PG = '0';
  }
  const only = process.argv.slice(2);
  const list = only.length ? only.map((f) => path.resolve(f)) : files(testDir).sort();
  const concurrency = String(Math.max(2, require('node:os').availableParallelism()));
  const r = spawnSync(process.execPath, ['--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...list], { stdio: 'inherit', env, cwd: root });
  process.exit(r.status ?? 1);
})();
