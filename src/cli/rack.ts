import { suggest } from '../diagnostics/suggest.js';
import { displayName, objectsOf, ref, type Model, type Obj } from '../model/model.js';

// `sot rack <site>/<rack>` or `<site>/<location>/<rack>`: the rack a command line names. Sites and
// locations go by name or slug, racks by name. Names may hold `/`, so every split is tried.

export type RackLookup = { rack: Obj } | { error: string };

export function findRack(model: Model, spec: string): RackLookup {
  const parts = spec.split('/');
  if (parts.length < 2 || parts.some((p) => p === '')) return { error: `name a rack as <site>/<rack> or <site>/<location>/<rack>, not "${spec}"` };
  const sites = objectsOf(model, 'dcim.site');
  const racks = objectsOf(model, 'dcim.rack');
  const isNamed = (obj: Obj, name: string) => obj.data.name === name || obj.data.slug === name;

  const found = new Set<Obj>();
  const sitesSeen: Obj[] = [];
  let racksInSite: Obj[] = [];
  for (let i = 1; i < parts.length; i++) {
    const siteName = parts.slice(0, i).join('/');
    for (const site of sites.filter((s) => isNamed(s, siteName))) {
      sitesSeen.push(site);
      const inSite = racks.filter((r) => ref(r, 'site') === site);
      racksInSite = racksInSite.concat(inSite);
      const rest = parts.slice(i);
      for (const r of inSite) if (r.data.name === rest.join('/')) found.add(r);
      for (let j = 1; j < rest.length; j++) {
        const locationName = rest.slice(0, j).join('/');
        const rackName = rest.slice(j).join('/');
        for (const r of inSite) {
          const location = ref(r, 'location');
          if (r.data.name === rackName && location && isNamed(location, locationName)) found.add(r);
        }
      }
    }
  }

  const matches = [...found];
  if (matches.length === 1) return { rack: matches[0] };
  if (matches.length > 1) {
    const names = matches.map(fullName).sort();
    const sitesOf = new Set(matches.map((r) => ref(r, 'site')));
    const rackNames = new Set(matches.map((r) => displayName(r)));
    const what =
      sitesOf.size === 1 && rackNames.size === 1
        ? `rack "${[...rackNames][0]}" is in ${matches.length} locations of site ${displayName([...sitesOf][0]!)}`
        : `${matches.length} racks match "${spec}"`;
    return { error: `${what}; name one as <site>/<location>/<rack>: ${names.join(', ')}` };
  }
  if (!sitesSeen.length) {
    const siteName = parts[0];
    const close = suggest(siteName, sites.map((s) => displayName(s)));
    return { error: `no site "${siteName}"${close.length ? ` (did you mean ${close.map((c) => `"${c}"`).join(', ')}?)` : ''}` };
  }
  const names = [...new Set(racksInSite.map(fullName))].sort();
  const listed = names.length ? `; the site's racks: ${names.slice(0, 20).join(', ')}${names.length > 20 ? ', …' : ''}` : `; site ${displayName(sitesSeen[0])} has no racks`;
  return { error: `no rack "${spec}"${listed}` };
}

/** `ams1/cage-1-04/R101`, or `ams1/R101` for a rack without a location: a form findRack takes back. */
export function fullName(rack: Obj): string {
  const site = ref(rack, 'site');
  const location = ref(rack, 'location');
  const s = site ? String(site.data.slug ?? displayName(site)) : '';
  return location ? `${s}/${location.data.slug ?? displayName(location)}/${displayName(rack)}` : `${s}/${displayName(rack)}`;
}
