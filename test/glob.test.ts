// sot.yaml's include and exclude patterns (src/sources/glob.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob, fileSelector, globMatches, type Glob } from '../src/sources/glob.js';

function glob(pattern: string): Glob {
  const g = compileGlob(pattern);
  if (typeof g === 'string') throw new Error(g);
  return g;
}

const FILES = [
  'mkdocs.yml',
  'docker-compose.yml',
  'sites.yaml',
  'ansible/group_vars/all.yml',
  'ansible/site.yml',
  'docs/mkdocs.yml',
  'dcim/sites/ams1.yaml',
  'dcim/sites/lon1.yaml',
  'dcim/racks.yaml',
  'a[1].yaml',
  'x/y/z/deep.yaml',
];

/** The files of FILES a pattern matches. */
function matched(pattern: string): string[] {
  const g = glob(pattern);
  return FILES.filter((f) => globMatches(g, f));
}

describe('glob patterns', () => {
  it('anchor at the inventory root; a folder matches all below it; a trailing / matches folders only', () => {
    expect(matched('mkdocs.yml')).toEqual(['mkdocs.yml']);
    expect(matched('**/mkdocs.yml')).toEqual(['mkdocs.yml', 'docs/mkdocs.yml']);
    expect(matched('ansible')).toEqual(['ansible/group_vars/all.yml', 'ansible/site.yml']);
    expect(matched('ansible/')).toEqual(['ansible/group_vars/all.yml', 'ansible/site.yml']);
    expect(matched('ansible/**')).toEqual(['ansible/group_vars/all.yml', 'ansible/site.yml']);
    expect(matched('mkdocs.yml/')).toEqual([]);
    expect(matched('**')).toEqual(FILES);
  });

  it('* and ? stay within a name, ** spans any number of folders, none included', () => {
    expect(matched('*.yml')).toEqual(['mkdocs.yml', 'docker-compose.yml']);
    expect(matched('*')).toEqual(FILES);
    expect(matched('dcim/*/*.yaml')).toEqual(['dcim/sites/ams1.yaml', 'dcim/sites/lon1.yaml']);
    expect(matched('dcim/*.yaml')).toEqual(['dcim/racks.yaml']);
    expect(matched('dcim/**/*.yaml')).toEqual(['dcim/sites/ams1.yaml', 'dcim/sites/lon1.yaml', 'dcim/racks.yaml']);
    expect(matched('x/**/deep.yaml')).toEqual(['x/y/z/deep.yaml']);
    expect(matched('x/**/**/z/deep.yaml')).toEqual(['x/y/z/deep.yaml']);
    expect(matched('**/z/**')).toEqual(['x/y/z/deep.yaml']);
    expect(matched('dcim/sites/???1.yaml')).toEqual(['dcim/sites/ams1.yaml', 'dcim/sites/lon1.yaml']);
    expect(matched('sites.y?ml')).toEqual(['sites.yaml']);
  });

  it('character classes: sets, ranges, negation; \\ takes a character literally', () => {
    expect(matched('dcim/sites/[al]*')).toEqual(['dcim/sites/ams1.yaml', 'dcim/sites/lon1.yaml']);
    expect(matched('dcim/sites/[a-k]*')).toEqual(['dcim/sites/ams1.yaml']);
    expect(matched('dcim/sites/[!a-k]*')).toEqual(['dcim/sites/lon1.yaml']);
    expect(matched('dcim/sites/[^a-k]*')).toEqual(['dcim/sites/lon1.yaml']);
    expect(matched('[]a]*.yaml')).toEqual(['a[1].yaml']);
    expect(matched('a\\[1\\].yaml')).toEqual(['a[1].yaml']);
    expect(matched('a[[]1].yaml')).toEqual(['a[1].yaml']);
    // A range that spans "/" still never matches across folders.
    expect(globMatches(glob('a[+-9]b'), 'a/b')).toBe(false);
    expect(globMatches(glob('a[+-9]b'), 'a5b')).toBe(true);
    expect(globMatches(glob('a[!x]b'), 'a/b')).toBe(false);
    // Regular-expression characters are literal.
    expect(globMatches(glob('a.b(c)+$'), 'a.b(c)+$')).toBe(true);
    expect(globMatches(glob('a.b'), 'axb')).toBe(false);
  });

  it('are case-sensitive, as git paths are', () => {
    expect(matched('MKDOCS.yml')).toEqual([]);
  });

  it('refuse what they cannot mean, saying why', () => {
    const errors = ['', ' ', '/mkdocs.yml', 'a//b', '../x', 'a/./b', 'a**', '**b/c', 'a[b', 'a[]', 'a[z-a]', 'a\\', '*.{yml,yaml}'].map((p) => [p, compileGlob(p)]);
    expect(errors).toEqual([
      ['', 'an empty pattern matches nothing'],
      [' ', 'an empty pattern matches nothing'],
      ['/mkdocs.yml', 'patterns are relative to the inventory root: leave out the leading "/"'],
      ['a//b', 'a pattern has no empty folder names ("//")'],
      ['../x', 'patterns name paths inside the inventory: no "." or ".." folders'],
      ['a/./b', 'patterns name paths inside the inventory: no "." or ".." folders'],
      ['a**', '"**" stands for whole folders: write it as a segment of its own (a/**/b), or "*" within a name'],
      ['**b/c', '"**" stands for whole folders: write it as a segment of its own (a/**/b), or "*" within a name'],
      ['a[b', 'the character class in "[b" has no closing "]"'],
      ['a[]', 'the character class in "[]" has no closing "]"'],
      ['a[z-a]', 'the range "z-a" in "[z-a]" is out of order'],
      ['a\\', 'a "\\" at the end escapes nothing'],
      ['*.{yml,yaml}', 'braces ({a,b}) are not supported: write one pattern for each alternative'],
    ]);
  });

  it('select with include (every file without one) minus exclude', () => {
    const select = (include: string[] | undefined, exclude: string[]) => FILES.filter(fileSelector(include?.map(glob), exclude.map(glob)));
    expect(select(undefined, [])).toEqual(FILES);
    expect(select(undefined, ['ansible/**', 'mkdocs.yml', 'docker-compose.yml'])).toEqual(['sites.yaml', 'docs/mkdocs.yml', 'dcim/sites/ams1.yaml', 'dcim/sites/lon1.yaml', 'dcim/racks.yaml', 'a[1].yaml', 'x/y/z/deep.yaml']);
    expect(select(['dcim', 'sites.yaml'], ['dcim/sites/lon1.yaml'])).toEqual(['sites.yaml', 'dcim/sites/ams1.yaml', 'dcim/racks.yaml']);
  });

  // Paths of a few folders of names drawn from a small alphabet, so that patterns and paths collide often.
  const name = fc.stringMatching(/^[ab.x-]{1,3}$/).filter((n) => n !== '.' && n !== '..');
  const path = fc.array(name, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));

  it('a path with every special character escaped matches itself and only itself', () => {
    fc.assert(
      fc.property(path, path, (p, q) => {
        const literal = glob(p.replace(/[\\*?[\]{}]/g, '\\$&'));
        expect(globMatches(literal, p)).toBe(true);
        // Another path matches only when the pattern names one of its folders.
        expect(globMatches(literal, q)).toBe(q === p || q.startsWith(`${p}/`));
      }),
    );
  });

  it('<folder>/** matches exactly the paths below the folder; **/<name> exactly the paths through a segment <name>', () => {
    fc.assert(
      fc.property(path, path, (folder, p) => {
        expect(globMatches(glob(`${folder}/**`), p)).toBe(p === folder || p.startsWith(`${folder}/`));
      }),
    );
    fc.assert(
      fc.property(name, path, (n, p) => {
        expect(globMatches(glob(`**/${n}`), p)).toBe(p.split('/').includes(n));
      }),
    );
  });

  it('* matches exactly the paths of one segment or below a one-segment folder', () => {
    fc.assert(fc.property(path, (p) => globMatches(glob('*'), p)));
    fc.assert(fc.property(path, (p) => globMatches(glob('*/*'), p) === p.includes('/')));
  });
});
