import { didYouMean } from '../diagnostics/suggest.js';
import { displayName, objectsOf, ref, type Model, type Obj } from '../model/model.js';

export type DeviceLookup = { found: Obj } | { error: string };

/** Devices and virtual machines: the objects with a config context and a config template. */
export const CONTEXT_KINDS = ['dcim.device', 'virtualization.virtualmachine'];

/**
 * The device or virtual machine a command line names: its name, or `<site>/<name>` where a name
 * repeats across sites (NetBox's device names are unique per site and tenant, not globally); sites by
 * name or slug. Names may hold `/` themselves, so every split is tried.
 */
export function findDevice(model: Model, spec: string): DeviceLookup {
  const candidates = CONTEXT_KINDS.flatMap((k) => objectsOf(model, k));
  const found = new Set(candidates.filter((o) => o.data.name === spec));
  const parts = spec.split('/');
  for (let i = 1; i < parts.length; i++) {
    const siteName = parts.slice(0, i).join('/');
    const name = parts.slice(i).join('/');
    for (const o of candidates) {
      const site = ref(o, 'site');
      if (o.data.name === name && site && (displayName(site) === siteName || site.data.slug === siteName)) found.add(o);
    }
  }
  const hits = [...found];
  if (hits.length === 1) return { found: hits[0] };
  if (!hits.length) {
    const names = candidates.map((o) => o.data.name).filter((n): n is string => typeof n === 'string');
    return { error: `no device or virtual machine "${spec}" in the inventory${didYouMean(parts[parts.length - 1], names)}` };
  }
  const places = hits.map((o) => {
    const site = ref(o, 'site');
    return site ? `${displayName(site)}/${o.data.name}` : `${o.kind.kind === 'dcim.device' ? 'device' : 'virtual machine'} #${o.id}`;
  });
  return { error: `"${spec}" names ${hits.length} objects (${places.join(', ')}): write <site>/<name>` };
}
