// What the reporters say about a rule beyond its id: the one-line description, the default severity,
// the docs page (docs/rules/<id>.md, shipped in the package) and the URL to it.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES } from '../checks/index.js';
import { allRules } from '../diagnostics/catalog.js';
import { docsPath } from '../diagnostics/diagnostic.js';
import type { Severity } from '../diagnostics/diagnostic.js';
import { packageRoot } from '../model/kinds.js';

export interface RuleDocs {
  id: string;
  /** Friendly PascalCase name (SARIF wants one that differs from the id): `ipam/duplicate-prefix` → `IpamDuplicatePrefix`. */
  name: string;
  /** One sentence. */
  description: string;
  /** The severity a rule has unless sot.yaml changes it. */
  severity: Severity;
  /** False for lint rules that sot.yaml must turn on. */
  enabled: boolean;
  /** The rule's docs page as markdown, its relative links made absolute; undefined when there is none. */
  page?: string;
  /** Absolute URL of the docs page. */
  url: string;
}

/** Phase rules (not in the checks registry) whose default is a warning; every other phase rule is an error. */
const PHASE_WARNINGS = new Set(['schema/deprecated', 'suppress/unused']);

export function friendlyName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/**
 * Where rule pages are read from users' browsers. package.json names no repository or homepage, so
 * the pages link to the docs/ folder that ships inside the installed package; a `repository` URL on
 * GitHub (or a `homepage`), once package.json has one, is used instead: the docs on the default branch.
 */
export function docsBase(root = packageRoot()): string {
  const known = bases.get(root);
  if (known !== undefined) return known;
  const base = readDocsBase(root);
  bases.set(root, base);
  return base;
}

const bases = new Map<string, string>();

function readDocsBase(root: string): string {
  let pkg: { repository?: string | { url?: string }; homepage?: string } = {};
  try {
    pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  } catch {
    // No package.json next to the code: fall back to the files themselves.
  }
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const github = repo?.match(/github\.com[/:]([^/]+)\/([^/#]+?)(?:\.git)?(?:#.*)?$/) ?? repo?.match(/^(?:github:)?([\w.-]+)\/([\w.-]+)$/);
  if (github) return `https://github.com/${github[1]}/${github[2]}/blob/HEAD/`;
  if (pkg.homepage && /^https?:\/\//.test(pkg.homepage)) return pkg.homepage.endsWith('/') ? pkg.homepage : `${pkg.homepage}/`;
  return pathToFileURL(join(root, '/')).href;
}

/** Relative links of a page (`[x](../ipam/prefix.md)`) resolved against the page's own URL. */
function absoluteLinks(markdown: string, pageUrl: string): string {
  return markdown.replace(/\]\(([^)\s#][^)\s]*)\)/g, (whole, target: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return whole;
    return `](${new URL(target, pageUrl).href})`;
  });
}

const cache = new Map<string, RuleDocs>();

export function ruleDocs(id: string): RuleDocs {
  const hit = cache.get(id);
  if (hit) return hit;
  const root = packageRoot();
  const check = RULES.find((r) => r.id === id);
  const url = new URL(docsPath(id).split('/').map(encodeURIComponent).join('/'), docsBase(root)).href;
  const file = join(root, docsPath(id));
  const page = existsSync(file) ? absoluteLinks(readFileSync(file, 'utf8').replace(/\r\n/g, '\n'), url) : undefined;
  const docs: RuleDocs = {
    id,
    name: friendlyName(id),
    description: allRules()[id] ?? `Rule ${id}.`,
    severity: check?.severity ?? (PHASE_WARNINGS.has(id) ? 'warning' : 'error'),
    enabled: !check?.optIn,
    page,
    url,
  };
  cache.set(id, docs);
  return docs;
}

/** The paragraphs under a page's `## Why` heading, as one plain paragraph; undefined without one. */
export function whySection(page: string | undefined): string | undefined {
  if (!page) return undefined;
  const heading = '\n## Why\n';
  const start = page.indexOf(heading);
  if (start < 0) return undefined;
  const rest = page.slice(start + heading.length);
  const end = rest.search(/\n## /);
  let text = (end < 0 ? rest : rest.slice(0, end)).trim().split(/\n{2,}/)[0].replace(/\s*\n\s*/g, ' ');
  // A paragraph that introduces a list ("…its quirks:") ends at the sentence before the colon.
  if (text.endsWith(':')) text = text.slice(0, text.lastIndexOf('. ') + 1);
  return text === '' ? undefined : text;
}
