import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { planEditorWiring, writeEditorWiring } from './editor-settings.js';
import { assertFolderPath, writeFilesSafely } from './write-files.js';
import { ACTION_PLACEHOLDER, WORKFLOW_PATH, actionUses, isPlaceholder, workflowFile } from './workflow-file.js';

const SOT_YAML = `# The root of a sot inventory. Every other *.yaml file below this folder is data,
# in any layout you like. See docs/format.md of sot for the format.
format: 1
name: my-network
options:
  # NetBox's ENFORCE_GLOBAL_UNIQUE: duplicate prefixes and IPs outside any VRF are errors.
  enforce_global_unique: true
`;

const ORGANIZATION = `regions:
  - name: Europe
    slug: europe
  - name: Netherlands
    slug: nl
    parent: europe

tenants:
  - name: Example Corp
    slug: example-corp

device_roles:
  - name: Access switch
    slug: access-switch
    color: 2196f3

platforms:
  - name: Example OS
    slug: example-os
`;

const SITE = `sites:
  - name: AMS1
    slug: ams1
    region: nl
    tenant: example-corp
    status: active

locations:
  - name: Hall 1
    slug: hall-1
    site: ams1

racks:
  - name: R101
    site: ams1
    location: hall-1
    u_height: 42

devices:
  - name: ams1-sw1
    device_type: Example/SW-8P
    role: access-switch
    platform: example-os
    site: ams1
    location: hall-1
    rack: R101
    position: 40
    face: front
    interfaces:            # the device type's interfaces exist already: complete them
      - name: eth1
        description: uplink
      - name: vlan10       # not in the device type: added
        type: virtual
`;

const DEVICE_TYPE = `# A device type in the devicetype-library format (https://github.com/netbox-community/devicetype-library):
# copy real ones from the library into device-types/<Manufacturer>/.
manufacturer: Example
model: SW-8P
slug: example-sw-8p
u_height: 1
is_full_depth: false
console-ports:
  - name: console
    type: rj-45
interfaces:
  - name: eth1
    type: 1000base-t
  - name: eth2
    type: 1000base-t
  - name: eth3
    type: 1000base-t
  - name: eth4
    type: 1000base-t
  - name: eth5
    type: 1000base-t
  - name: eth6
    type: 1000base-t
  - name: eth7
    type: 1000base-t
  - name: eth8
    type: 1000base-t
  - name: mgmt0
    type: 1000base-t
    mgmt_only: true
`;

export function initInventory(
  dir: string,
  options: { force: boolean },
): { written: string[]; conflicts: string[]; notes: string[]; settingsFile?: string; settingsError?: { file: string; message: string } } {
  assertFolderPath(dir);
  const uses = actionUses();
  const files = new Map<string, string>([
    ['sot.yaml', SOT_YAML],
    ['organization.yaml', ORGANIZATION],
    ['sites/ams1.yaml', SITE],
    ['device-types/Example/SW-8P.yaml', DEVICE_TYPE],
    // The inventory as the root of its repository: the Action checks it on every pull request.
    [WORKFLOW_PATH, workflowFile(uses)],
  ]);
  const notes = isPlaceholder(uses)
    ? [`${WORKFLOW_PATH}: replace ${ACTION_PLACEHOLDER} with the GitHub repository sot is published from (this sot is neither installed from a GitHub clone nor names one in package.json)`]
    : [];
  // --force replaces the sample files, never the user's editor settings: those are merged.
  const conflicts = options.force ? [] : [...files.keys()].filter((f) => existsSync(join(dir, f)));
  if (conflicts.length) return { written: [], conflicts, notes: [] };
  const wiring = planEditorWiring(dir, [...files.keys()]);
  if ('error' in wiring.settings) return { written: [], conflicts: [], notes: [], settingsError: { file: wiring.settingsFile, message: wiring.settings.error } };
  const written = writeFilesSafely(dir, files);
  return { written: [...written, ...writeEditorWiring(dir, wiring)], conflicts: [], notes, settingsFile: wiring.settingsFile };
}
