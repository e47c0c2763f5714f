import type { Obj } from '../model/model.js';
import type { Resolver } from './resolve.js';

/**
 * Named preferences for references that NetBox's forms narrow by more than a field's equality
 * (schemas name them in an x-ref's `prefer`). Each says whether a candidate fits the referencing
 * object's context; a preference narrows only when some candidate fits.
 */
export type Preference = (r: Resolver, candidates: Obj[], from: Obj) => Obj[];

export const PREFERENCES: Record<string, Preference> = {
  'vlan-available': vlanAvailable,
};

/** Where an object is: the site, location, rack and cluster of it or of the device or VM it belongs to. */
export interface Place {
  site?: Obj;
  location?: Obj;
  rack?: Obj;
  cluster?: Obj;
}

export function placeOf(r: Resolver, from: Obj): Place {
  const host = from.owner ?? from;
  const place: Place = {};
  const kind = host.kind.kind;
  if (kind === 'dcim.device' || kind === 'virtualization.virtualmachine') {
    place.site = r.ensureRef(host, 'site');
    place.cluster = r.ensureRef(host, 'cluster');
    if (kind === 'dcim.device') {
      place.location = r.ensureRef(host, 'location');
      place.rack = r.ensureRef(host, 'rack');
    }
    if (!place.site && place.cluster) place.site = siteOfScope(r, r.ensureRef(place.cluster, 'scope'));
    return place;
  }
  if (host.kind.refByField.has('site')) place.site = r.ensureRef(host, 'site');
  if (!place.site && host.kind.refByField.has('scope')) {
    const scope = r.ensureRef(host, 'scope');
    if (scope?.kind.kind === 'dcim.location') place.location = scope;
    place.site = siteOfScope(r, scope);
  }
  return place;
}

function siteOfScope(r: Resolver, scope: Obj | undefined): Obj | undefined {
  if (!scope) return undefined;
  if (scope.kind.kind === 'dcim.site') return scope;
  if (scope.kind.kind === 'dcim.location') return r.ensureRef(scope, 'site');
  return undefined;
}

/** `obj` itself or one of its ancestors through `field` (regions, site groups, locations). */
function withinTree(r: Resolver, obj: Obj | undefined, ancestor: Obj, field: string): boolean {
  const seen = new Set<Obj>();
  for (let o = obj; o && !seen.has(o); o = r.ensureRef(o, field)) {
    if (o === ancestor) return true;
    seen.add(o);
  }
  return false;
}

/**
 * The VLANs NetBox offers on a device or VM: those of groups scoped to its site, a region or site group
 * above the site, its location or one above it, its rack, its cluster or cluster group; those assigned
 * to its site; and global ones (no site, and no group or a group without scope).
 */
function vlanAvailable(r: Resolver, vlans: Obj[], from: Obj): Obj[] {
  const place = placeOf(r, from);
  // Every port of a rack asks about the same VLAN names: remember the answer per list and place.
  const key = `${place.site?.id}|${place.location?.id}|${place.rack?.id}|${place.cluster?.id}`;
  let byPlace = availableMemo.get(vlans);
  if (!byPlace) availableMemo.set(vlans, (byPlace = new Map()));
  let kept = byPlace.get(key);
  if (!kept) byPlace.set(key, (kept = vlans.filter((v) => availableAt(r, v, place))));
  return kept;
}

const availableMemo = new WeakMap<Obj[], Map<string, Obj[]>>();

function availableAt(r: Resolver, vlan: Obj, place: Place): boolean {
  const vlanSite = r.ensureRef(vlan, 'site');
  // A site that did not resolve (reported already) is not "no site": such a VLAN is not global.
  if (!vlanSite && vlan.data.site !== undefined && vlan.data.site !== null) return false;
  if (vlanSite && vlanSite !== place.site) return false;
  const group = r.ensureRef(vlan, 'group');
  if (!group && vlan.data.group !== undefined && vlan.data.group !== null) return false;
  const scope = group ? r.ensureRef(group, 'scope') : undefined;
  if (!scope) return !group || group.data.scope === undefined || group.data.scope === null;
  switch (scope.kind.kind) {
    case 'dcim.site':
      return scope === place.site;
    case 'dcim.location':
      return withinTree(r, place.location, scope, 'parent');
    case 'dcim.rack':
      return scope === place.rack;
    case 'dcim.region':
      return !!place.site && withinTree(r, r.ensureRef(place.site, 'region'), scope, 'parent');
    case 'dcim.sitegroup':
      return !!place.site && withinTree(r, r.ensureRef(place.site, 'group'), scope, 'parent');
    case 'virtualization.cluster':
      return scope === place.cluster;
    case 'virtualization.clustergroup':
      return !!place.cluster && r.ensureRef(place.cluster, 'group') === scope;
    default:
      return false;
  }
}
