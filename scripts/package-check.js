// Packs a fresh clone of this repository (committed HEAD, nothing built) and installs the
// tarball into empty projects, as a user would: CommonJS and ESM, with and without
// @types/pg, legacy (experimentalDecorators) and standard (TC39) decorators. Each project
// type-checks its model with the library's declarations (skipLibCheck off), then runs it
// against the PostgreSQL server; one also runs on embedded PGlite.
//
// Network: the npm registry only (npm ci, npm install). No stdin. Used by .ci/run.
//   node scripts/package-check.js            (DATABASE_URL: the server, default 127.0.0.1 test)
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const MODULES = ['cjs', 'esm'];
const DECORATORS = ['legacy', 'standard'];

/** The version of a dev dependency as installed here, so consumers compile with the same tools. */
function installedVersion(name) {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

function run(cmd, args, cwd, env = process.env) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed with ${r.status}:\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];

/** The model every consumer compiles and runs; `standard` has no design:type, so types are explicit. */
function modelSource(decorators, pglite) {
  const title = decorators === 'legacy' ? '@Column declare title: string;' : '@Column(DataTypes.STRING) title!: string;';
  const views = decorators === 'legacy' ? '@Default(0) @Column declare views: number;' : '@Column views = 0;';
  return `import { Database, DataTypes, Default, Model, Op, Table, Column } from 'inscribe';\nvoid Default;
import type { Attributes } from 'inscribe';

@Table
class Note extends Model {
  ${title}
  ${views}
}

async function main(): Promise<void> {
  const schema = 'pkg_check_' + process.pid;
  const targets: [string, string][] = [['server', process.env.DATABASE_URL ?? '${DATABASE_URL}']];
  ${pglite ? "targets.push(['pglite', 'pglite://memory']);" : ''}
  const out: Record<string, unknown> = {};
  for (const [name, url] of targets) {
    const db = new Database(url, { models: [Note], schema });
    try {
      await db.sync({ force: true });
      const note = await Note.create({ title: 'hello' });
      await note.increment('views', { by: 2 });
      const rows: Attributes<Note>[] = await Note.findAll({ where: { views: { [Op.gte]: 2 } }, raw: true });
      // note.id and createdAt are typed without being declared (the runtime adds them).
      const created: Date = note.createdAt;
      const [count] = await Note.update({ title: 'bye' }, { where: { id: note.id, createdAt: created } });
      out[name] = { title: rows[0].title, views: rows[0].views, count };
      // The published declarations hold the contract only.
      // @ts-expect-error internal: stripped from the declarations
      void db.run;
      // @ts-expect-error internal
      void db.registerModel;
      // @ts-expect-error internal
      void db.definitions;
      // @ts-expect-error internal
      void db.parsers;
      // @ts-expect-error internal
      void Note.definition;
    } finally {
      await db.query('DROP SCHEMA IF EXISTS "' + schema + '" CASCADE');
      await db.close();
    }
  }
  console.log(JSON.stringify(out));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
`;
}

function tsconfig(module, decorators) {
  const options = {
    target: 'ES2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    rootDir: 'src',
    outDir: 'dist',
    strict: true,
    skipLibCheck: false,
    types: ['node'],
  };
  if (decorators === 'legacy') Object.assign(options, { experimentalDecorators: true, emitDecoratorMetadata: true });
  return { compilerOptions: options, include: ['src'] };
}

function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'inscribe-package-check-'));
  try {
    // A fresh clone: only what is committed, and nothing built (prepare must build it).
    const clone = path.join(work, 'clone');
    run('git', ['clone', '--quiet', '--no-local', root, clone], work);
    run(npm, ['ci', ...quiet], clone);
    const packed = JSON.parse(run(npm, ['pack', '--json', '--pack-destination', work, ...quiet], clone))[0];
    const shipped = packed.files.map((f) => f.path);
    for (const need of ['LICENSE', 'dist/index.js', 'dist/index.mjs', 'dist/index.d.ts', 'dist/index.d.mts', 'dist/model.js.map']) {
      if (!shipped.includes(need)) throw new Error(`the package does not ship ${need}; it ships: ${shipped.join(', ')}`);
    }
    const tarball = path.join(work, packed.filename);
    console.log(`packed ${packed.filename}: ${shipped.length} files, ${packed.size} bytes`);

    const tools = [`typescript@${installedVersion('typescript')}`, `@types/node@${installedVersion('@types/node')}`];
    for (const typesPg of [false, true]) {
      const base = path.join(work, typesPg ? 'with-types-pg' : 'without-types-pg');
      fs.mkdirSync(base);
      fs.writeFileSync(path.join(base, 'package.json'), JSON.stringify({ name: 'consumer', private: true }, null, 2));
      const deps = [tarball, ...tools, ...(typesPg ? [`@types/pg@${installedVersion('@types/pg')}`] : [])];
      run(npm, ['install', ...quiet, ...deps], base);
      const tsc = path.join(base, 'node_modules', 'typescript', 'bin', 'tsc');
      for (const module of MODULES) {
        for (const decorators of DECORATORS) {
          const dir = path.join(base, `${module}-${decorators}`);
          fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
          fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, type: module === 'esm' ? 'module' : 'commonjs' }));
          fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig(module, decorators), null, 2));
          const pglite = module === 'esm' && decorators === 'legacy' && !typesPg;
          fs.writeFileSync(path.join(dir, 'src', 'main.ts'), modelSource(decorators, pglite));
          const label = `${typesPg ? 'with' : 'without'} @types/pg, ${module}, ${decorators} decorators${pglite ? ', server and PGlite' : ''}`;
          run(process.execPath, [tsc, '-p', dir], dir);
          const out = JSON.parse(run(process.execPath, [path.join(dir, 'dist', 'main.js')], dir, { ...process.env, DATABASE_URL }));
          for (const [target, result] of Object.entries(out)) {
            const want = JSON.stringify({ title: 'hello', views: 2, count: 1 });
            if (JSON.stringify(result) !== want) throw new Error(`${label} on ${target}: got ${JSON.stringify(result)}, want ${want}`);
          }
          console.log(`ok: ${label}`);
        }
      }
    }
    console.log('package check passed');
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main();
