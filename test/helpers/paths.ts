import { BASE, DEVICE_TYPE } from './compile.js';

/** A 1U panel: front ports 1-4 on one 4-position rear port R (front n at position n). */
export const TRUNK_PANEL = `manufacturer: Acme
model: PP-4
slug: acme-pp-4
u_height: 1
rear-ports:
  - {name: R, type: mpo, positions: 4}
front-ports:
  - {name: '1', type: lc, rear_port: R, rear_port_position: 1}
  - {name: '2', type: lc, rear_port: R, rear_port_position: 2}
  - {name: '3', type: lc, rear_port: R, rear_port_position: 3}
  - {name: '4', type: lc, rear_port: R, rear_port_position: 4}
`;

/** A 1U panel of single-position ports: front n on rear n. */
export const PANEL = `manufacturer: Acme
model: PP-2
slug: acme-pp-2
u_height: 1
rear-ports:
  - {name: '1', type: 8p8c}
  - {name: '2', type: 8p8c}
front-ports:
  - {name: '1', type: 8p8c, rear_port: '1'}
  - {name: '2', type: 8p8c, rear_port: '2'}
`;

/**
 * Leaves leaf1/leaf2 (X-4: et1, et2, mgmt, con), trunk panels tp1/tp2 (PP-4), panels pp1/pp2 (PP-2);
 * circuits C-1 (A at AMS1, Z at AMS2), C-2 (A at AMS1, Z on provider network "Backbone"), C-3 (A only), C-4 (A at AMS1, Z at AMS2);
 * and the given lines under `cables:` in c.yaml.
 */
export const pathFiles = (cables: string, extra: Record<string, string> = {}) => ({
  'base.yaml': BASE,
  'device-types/Acme/X-4.yaml': DEVICE_TYPE,
  'device-types/Acme/PP-4.yaml': TRUNK_PANEL,
  'device-types/Acme/PP-2.yaml': PANEL,
  'd.yaml':
    'devices:\n' +
    ['leaf1', 'leaf2'].map((n) => `  - {name: ${n}, device_type: Acme/X-4, role: leaf, site: ams1}\n`).join('') +
    ['tp1', 'tp2'].map((n) => `  - {name: ${n}, device_type: Acme/PP-4, role: leaf, site: ams1}\n`).join('') +
    ['pp1', 'pp2'].map((n) => `  - {name: ${n}, device_type: Acme/PP-2, role: leaf, site: ams1}\n`).join(''),
  'circuits.yaml':
    'providers:\n  - {name: P, slug: p}\nprovider_networks:\n  - {name: Backbone, provider: p}\ncircuit_types:\n  - {name: T, slug: t}\n' +
    'circuits:\n  - {cid: C-1, provider: p, type: t}\n  - {cid: C-2, provider: p, type: t}\n  - {cid: C-3, provider: p, type: t}\n  - {cid: C-4, provider: p, type: t}\n' +
    'circuit_terminations:\n' +
    '  - {circuit: C-1, term_side: A, termination_type: dcim.site, termination: ams1}\n' +
    '  - {circuit: C-1, term_side: Z, termination_type: dcim.site, termination: ams2}\n' +
    '  - {circuit: C-2, term_side: A, termination_type: dcim.site, termination: ams1}\n' +
    '  - {circuit: C-2, term_side: Z, termination_type: circuits.providernetwork, termination: Backbone}\n' +
    '  - {circuit: C-3, term_side: A, termination_type: dcim.site, termination: ams1}\n' +
    '  - {circuit: C-4, term_side: A, termination_type: dcim.site, termination: ams1}\n' +
    '  - {circuit: C-4, term_side: Z, termination_type: dcim.site, termination: ams2}\n',
  'c.yaml': `cables:\n${cables}`,
  ...extra,
});
