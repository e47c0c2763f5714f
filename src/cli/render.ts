import { suggest } from '../diagnostics/suggest.js';
import { displayName, objectsOf, ref, type Model, type Obj } from '../model/model.js';

// `sot render <device>`: the device a command line names, by name, or as `<site>/<name>` when the
// name is used at several sites (sites by name or slug). Names may hold `/`, so every split is tried.

export type DeviceLookup = { device: Obj } | { error: string };

export function findDevice(model: Model, spec: string): DeviceLookup {
  const devices = objectsOf(model, 'dcim.device');
  const byName = devices.filter((d) => d.data.name === spec);
  const found = new Set(byName);
  const parts = spec.split('/');
  for (let i = 1; i < parts.length; i++) {
    const siteName = parts.slice(0, i).join('/');
    const name = parts.slice(i).join('/');
    for (const d of devices) {
      const site = ref(d, 'site');
      if (d.data.name === name && site && (site.data.name === siteName || site.data.slug === siteName)) found.add(d);
    }
  }
  const matches = [...found];
  if (matches.length === 1) return { device: matches[0] };
  if (matches.length > 1) {
    const names = matches.map(siteAndName).sort();
    return { error: `${matches.length} devices are named "${spec}"; name one as <site>/<device>: ${names.join(', ')}` };
  }
  const close = suggest(spec, devices.filter((d) => typeof d.data.name === 'string').map((d) => String(d.data.name)));
  return { error: `no device "${spec}"${close.length ? ` (did you mean ${close.map((c) => `"${c}"`).join(', ')}?)` : ''}` };
}

/** `ams1/ams1-leaf1`: a form findDevice takes back. */
export function siteAndName(device: Obj): string {
  const site = ref(device, 'site');
  return `${site ? String(site.data.slug ?? displayName(site)) : '?'}/${displayName(device)}`;
}
