import { ref, type Obj } from '../../model/model.js';
import type { Settings } from '../../settings.js';

/**
 * Whether NetBox enforces unique prefixes and addresses in an object's table: in a VRF when the VRF
 * says `enforce_unique` (its default is true), in the global table when ENFORCE_GLOBAL_UNIQUE is on.
 */
export function uniquenessEnforced(obj: Obj, settings: Settings): boolean {
  const vrf = ref(obj, 'vrf');
  if (obj.data.vrf !== undefined && obj.data.vrf !== null && !vrf) return false; // unresolved: reported already
  return vrf ? vrf.data.enforce_unique !== false : settings.enforceGlobalUnique;
}

/** `VRF "blue"` or `the global table`, as NetBox names the table of a duplicate. */
export function tableName(obj: Obj): string {
  const vrf = ref(obj, 'vrf');
  return vrf ? `VRF "${vrf.data.name}"` : 'the global table';
}
