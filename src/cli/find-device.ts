import { didYouMean } from '../diagnostics/suggest.js';
import { displayName, objectsOf, ref, type Model, type Obj } from '../model/model.js';

export type DeviceLookup = { found: Obj } | { error: string };

/** Devices and virtual machines: the objects with a config context and a config template. */
export const CONTEXT_KINDS = ['dcim.device', 'virtualization.virtualmachine'];

/**
 * The device or virtual machine a command line names: its name, or `<site>/<name>` where a name
 * repeats across sites (NetBox's device names are unique per site and tenant, not globally).
 */
export function findDevice(model: Model, spec: string): DeviceLookup {
  const candidates = CONTEXT_KINDS.flatMap((k) => objectsOf(model, k));
  const slash = spec.indexOf('/');
  const siteName = slash > 0 ? spec.slice(0, slash) : undefined;
  const name = slash > 0 ? spec.slice(slash + 1) : spec;
  const inSite = (o: Obj) => {
    const site = ref(o, 'site');
    return !siteName || (site !== undefined && (displayName(site) === siteName || site.data.slug === siteName));
  };
  let hits = candidates.filter((o) => o.data.name === name && inSite(o));
  // A device named with a slash (`ams1/leaf1` as the name itself) wins over the site form.
  const literal = candidates.filter((o) => o.data.name === spec);
  if (literal.length) hits = literal;
  if (hits.length === 1) return { found: hits[0] };
  if (!hits.length) {
    const names = candidates.map((o) => o.data.name).filter((n): n is string => typeof n === 'string');
    return { error: `no device or virtual machine "${spec}" in the inventory${didYouMean(name, names)}` };
  }
  const places = hits.map((o) => {
    const site = ref(o, 'site');
    return site ? `${displayName(site)}/${o.data.name}` : `${o.kind.kind === 'dcim.device' ? 'device' : 'virtual machine'} #${o.id}`;
  });
  return { error: `"${spec}" names ${hits.length} objects (${places.join(', ')}): write <site>/<name>` };
}
