import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The layering the code keeps (../shared/STYLE.md, immich's server): services speak in domain values,
 * repositories own the SQL and run it on the ambient unit of work, runtime code does not reach into
 * migrations, and no file grows past what a reader takes in at once.
 */
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const apiSrc = join(root, 'apps/api/src');

function sources(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path, ext);
    return ext.test(name) ? [path] : [];
  });
}
const rel = (path: string) => relative(root, path);
/** The code without its comments (so a doc comment may name a statement). */
const code = (path: string) =>
  readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');

const api = sources(apiSrc, /\.ts$/).filter((p) => !p.endsWith('.spec.ts'));
/** The database layer itself, its migrations, the demo seed and the bench's baseline endpoints. */
const infrastructure = (p: string) => /\/src\/(database|demo|baseline)\//.test(p);
const repository = (p: string) => p.endsWith('.repository.ts');

describe('architecture', () => {
  it('no file outside the repositories holds a SQL statement', () => {
    const statement =
      /[`'"]\s*(SELECT\s[\s\S]*?\sFROM\s|INSERT INTO\s|UPDATE\s+\w+\s+SET\s|DELETE FROM\s|WITH\s+\w+\s+AS\s*\()/;
    const offenders = api.filter((p) => !infrastructure(p) && !repository(p) && statement.test(code(p)));
    expect(offenders.map(rel)).toEqual([]);
  });

  it('no service, controller or other non-repository code sees the transaction or builds SQL writes', () => {
    const handle =
      /\b(EntityManager|QueryRunner)\b|\btype Write\b|\bWrite\[\]|:\s*Write\b|\btx\.(query|prepared|modified|write|defer|manager)\b/;
    const offenders = api.filter((p) => !infrastructure(p) && !repository(p) && handle.test(code(p)));
    expect(offenders.map(rel)).toEqual([]);
  });

  it('units of work take no transaction arguments: the transaction is ambient', () => {
    const withArguments = /\.(run|reading)\([^()]*,\s*(async\s*)?\(\s*\w+/;
    const offenders = api.filter((p) => !infrastructure(p) && withArguments.test(code(p)));
    expect(offenders.map(rel)).toEqual([]);
  });

  it('no runtime module imports a migration (only the list of migrations does)', () => {
    const importsMigration = /from\s+'[^']*\/migrations\/[^']*'/;
    const offenders = api.filter(
      (p) =>
        !p.includes('/database/migrations/') &&
        !p.endsWith('/database/entities.ts') &&
        importsMigration.test(code(p)),
    );
    expect(offenders.map(rel)).toEqual([]);
  });

  it('no source file in apps/api/src or apps/admin/src is over 450 lines (generated types and the stylesheet aside)', () => {
    const files = [
      ...sources(apiSrc, /\.ts$/),
      ...sources(join(root, 'apps/admin/src'), /\.(ts|vue)$/).filter((p) => !p.endsWith('/api/schema.d.ts')),
    ];
    const long = files
      .map((p) => ({ file: rel(p), lines: readFileSync(p, 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > 450);
    expect(long).toEqual([]);
  });
});
