import type { Obj } from './model.js';

// Which VLANs NetBox offers on a device or VM interface: the place of the device or VM, and whether
// a VLAN is available there. Resolution narrows VLAN names with it (its references may not be
// resolved yet, so it passes a getter that resolves them); lint rules ask it of the finished model.

/** A reference of an object: `ref` on a finished model, or a getter that resolves it on demand. */
export type RefOf = (obj: Obj, field: string) => Obj | undefined;

/** Where an object is: the site, location, rack and cluster of it or of the device or VM it belongs to. */
export interface Place {
  site?: Obj;
  location?: Obj;
  rack?: Obj;
  cluster?: Obj;
}

/**
 * The place of an object, of its owner for a component. A VM without a site is where NetBox puts it
 * when it saves it: in its cluster's site, else in its host device's site.
 */
export function placeOf(refOf: RefOf, from: Obj): Place {
  const host = from.owner ?? from;
  const place: Place = {};
  const kind = host.kind.kind;
  if (kind === 'dcim.device' || kind === 'virtualization.virtualmachine') {
    place.site = refOf(host, 'site');
    place.cluster = refOf(host, 'cluster');
    if (kind === 'dcim.device') {
      place.location = refOf(host, 'location');
      place.rack = refOf(host, 'rack');
    }
    if (!place.site && place.cluster) place.site = siteOfScope(refOf, refOf(place.cluster, 'scope'));
    if (!place.site && kind === 'virtualization.virtualmachine') {
      const device = refOf(host, 'device');
      if (device) place.site = refOf(device, 'site');
    }
    return place;
  }
  if (host.kind.refByField.has('site')) place.site = refOf(host, 'site');
  if (!place.site && host.kind.refByField.has('scope')) {
    const scope = refOf(host, 'scope');
    if (scope?.kind.kind === 'dcim.location') place.location = scope;
    place.site = siteOfScope(refOf, scope);
  }
  return place;
}

function siteOfScope(refOf: RefOf, scope: Obj | undefined): Obj | undefined {
  if (!scope) return undefined;
  if (scope.kind.kind === 'dcim.site') return scope;
  if (scope.kind.kind === 'dcim.location') return refOf(scope, 'site');
  return undefined;
}

/** `obj` itself or one of its ancestors through `field` (regions, site groups, locations). */
export function withinTree(refOf: RefOf, obj: Obj | undefined, ancestor: Obj, field: string): boolean {
  const seen = new Set<Obj>();
  for (let o = obj; o && !seen.has(o); o = refOf(o, field)) {
    if (o === ancestor) return true;
    seen.add(o);
  }
  return false;
}

/**
 * Whether NetBox offers a VLAN at a place: one of a group scoped to its site, a region or site group
 * above the site, its location or one above it, its rack, its cluster or cluster group; one assigned
 * to its site; or a global one (no site, and no group or a group without scope).
 */
export function vlanAvailableAt(refOf: RefOf, vlan: Obj, place: Place): boolean {
  const vlanSite = refOf(vlan, 'site');
  // A site that did not resolve (reported already) is not "no site": such a VLAN is not global.
  if (!vlanSite && vlan.data.site !== undefined && vlan.data.site !== null) return false;
  if (vlanSite && vlanSite !== place.site) return false;
  const group = refOf(vlan, 'group');
  if (!group && vlan.data.group !== undefined && vlan.data.group !== null) return false;
  const scope = group ? refOf(group, 'scope') : undefined;
  if (!scope) return !group || group.data.scope === undefined || group.data.scope === null;
  switch (scope.kind.kind) {
    case 'dcim.site':
      return scope === place.site;
    case 'dcim.location':
      return withinTree(refOf, place.location, scope, 'parent');
    case 'dcim.rack':
      return scope === place.rack;
    case 'dcim.region':
      return !!place.site && withinTree(refOf, refOf(place.site, 'region'), scope, 'parent');
    case 'dcim.sitegroup':
      return !!place.site && withinTree(refOf, refOf(place.site, 'group'), scope, 'parent');
    case 'virtualization.cluster':
      return scope === place.cluster;
    case 'virtualization.clustergroup':
      return !!place.cluster && refOf(place.cluster, 'group') === scope;
    default:
      return false;
  }
}
