import { BASE, DEVICE_TYPE } from './compile.js';

/** Two leaves of the X-4 type (et1, et2, mgmt, con) in AMS1, and the given lines under `cables:` in c.yaml. */
export const cableFiles = (cables: string, extra: Record<string, string> = {}) => ({
  'base.yaml': BASE,
  'device-types/Acme/X-4.yaml': DEVICE_TYPE,
  'd.yaml': 'devices:\n  - {name: leaf1, device_type: Acme/X-4, role: leaf, site: ams1}\n  - {name: leaf2, device_type: Acme/X-4, role: leaf, site: ams1}\n',
  'c.yaml': `cables:\n${cables}`,
  ...extra,
});
