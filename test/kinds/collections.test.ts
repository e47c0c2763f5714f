import { describe, expect, it } from 'vitest';
import { loadSchemas } from '../../src/model/kinds.js';

// NetBox 4.6's REST API endpoints, by app, for the kinds an inventory holds. Templates of device-type
// components and the internal endpoints (cable terminations, paths, object changes…) are not kinds
// one writes. sot's collection name is the endpoint name, except virtualization's `interfaces`, which
// would clash with dcim's and is `vm_interfaces`.
const NETBOX_ENDPOINTS: Record<string, string[]> = {
  dcim: [
    'cables', 'console_ports', 'console_server_ports', 'device_bays', 'device_roles', 'device_types', 'devices',
    'front_ports', 'interfaces', 'inventory_item_roles', 'inventory_items', 'locations', 'mac_addresses',
    'manufacturers', 'module_bays', 'module_type_profiles', 'module_types', 'modules', 'platforms', 'power_feeds',
    'power_outlets', 'power_panels', 'power_ports', 'rack_reservations', 'rack_roles', 'rack_types', 'racks',
    'rear_ports', 'regions', 'site_groups', 'sites', 'virtual_chassis', 'virtual_device_contexts',
  ],
  circuits: [
    'circuit_group_assignments', 'circuit_groups', 'circuit_terminations', 'circuit_types', 'circuits',
    'provider_accounts', 'provider_networks', 'providers', 'virtual_circuit_terminations', 'virtual_circuit_types',
    'virtual_circuits',
  ],
  ipam: [
    'aggregates', 'asn_ranges', 'asns', 'fhrp_group_assignments', 'fhrp_groups', 'ip_addresses', 'ip_ranges',
    'prefixes', 'rirs', 'roles', 'route_targets', 'service_templates', 'services', 'vlan_groups',
    'vlan_translation_policies', 'vlan_translation_rules', 'vlans', 'vrfs',
  ],
  virtualization: ['cluster_groups', 'cluster_types', 'clusters', 'vm_interfaces', 'virtual_disks', 'virtual_machine_types', 'virtual_machines'],
  tenancy: ['contact_assignments', 'contact_groups', 'contact_roles', 'contacts', 'tenant_groups', 'tenants'],
  vpn: [
    'ike_policies', 'ike_proposals', 'ipsec_policies', 'ipsec_profiles', 'ipsec_proposals', 'l2vpn_terminations',
    'l2vpns', 'tunnel_groups', 'tunnel_terminations', 'tunnels',
  ],
  wireless: ['wireless_lan_groups', 'wireless_lans', 'wireless_links'],
  extras: [
    'config_context_profiles', 'config_contexts', 'config_templates', 'custom_field_choice_sets', 'custom_fields',
    'export_templates', 'tags',
  ],
};

describe('collections', () => {
  const schemas = loadSchemas();
  for (const [app, endpoints] of Object.entries(NETBOX_ENDPOINTS)) {
    it(`sot has every ${app} collection`, () => {
      const missing = endpoints.filter((e) => !schemas.byCollection.has(e));
      expect(missing).toEqual([]);
      for (const e of endpoints) expect(schemas.byCollection.get(e)!.kind.startsWith(`${app}.`), e).toBe(true);
    });
  }
});
