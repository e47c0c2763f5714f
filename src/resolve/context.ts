import type { Obj } from '../model/model.js';
import { placeOf, vlanAvailableAt, type RefOf } from '../model/vlan-availability.js';
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

/** The VLANs NetBox offers on a device or VM (src/model/vlan-availability.ts), references resolved on demand. */
function vlanAvailable(r: Resolver, vlans: Obj[], from: Obj): Obj[] {
  const refOf: RefOf = (o, f) => r.ensureRef(o, f);
  const place = placeOf(refOf, from);
  // Every port of a rack asks about the same VLAN names: remember the answer per list and place.
  const key = `${place.site?.id}|${place.location?.id}|${place.rack?.id}|${place.cluster?.id}`;
  let byPlace = availableMemo.get(vlans);
  if (!byPlace) availableMemo.set(vlans, (byPlace = new Map()));
  let kept = byPlace.get(key);
  if (!kept) byPlace.set(key, (kept = vlans.filter((v) => vlanAvailableAt(refOf, v, place))));
  return kept;
}

const availableMemo = new WeakMap<Obj[], Map<string, Obj[]>>();
