import jsyaml from 'js-yaml';

/**
 * Converts NetBox's demo data (a Django `dumpdata` of NetBox 3.6: a list of {model, pk, fields}) into a
 * sot inventory: a map of file path → YAML text, sot.yaml included. Pure and deterministic (rows are taken
 * in pk order), so that the conformance test can compile the result without touching the disk.
 *
 * Mapping rules (NetBox 4.x semantics for 3.6 fields):
 * - text fields NetBox stored as '' are written as ''; choice fields stored as '' are blank choices, which
 *   NetBox 4.x stores as null, so they are left out like every null; fields sot has no place for are skipped;
 * - a prefix's or cluster's `site` becomes `scope_type: dcim.site` + `scope` (NetBox 4.2), a circuit
 *   termination's site or provider network becomes `termination_type` + `termination`, a VLAN group's
 *   min/max VID becomes `vid_ranges`, a contact's group becomes `groups`, a custom field's `ui_visibility`
 *   becomes `ui_visible` + `ui_editable`, a rack's `type` becomes `form_factor`;
 * - references are natural keys: names (tags by slug), `Manufacturer/model`, `provider/cid`; a plain name
 *   where the referring object's site (or group) fixes the scope, an explicit mapping where nothing does;
 * - a device gets its type's components: only what differs from the type is written under it (changed
 *   fields, components the type lacks with all their fields, `{name, remove: true}` for a template
 *   component the device does not have); components a module brought are left to the module;
 * - a device without a name is referred to as `{asset_tag}`, `{virtual_chassis, vc_position}` or
 *   `{site, rack, position, face}`, the first that applies.
 */
export function convertNetBoxDemo(dump: unknown[]): Record<string, string> {
  return new Converter(dump).run();
}

interface Row {
  model: string;
  pk: number;
  fields: Record<string, any>;
}

type Obj = Record<string, unknown>;

/** Component kinds: dump model, template model, devicetype-library list, list under a device, cable end key. */
const COMPONENTS = [
  { model: 'dcim.consoleport', template: 'dcim.consoleporttemplate', library: 'console-ports', inline: 'console_ports', end: 'console_port' },
  { model: 'dcim.consoleserverport', template: 'dcim.consoleserverporttemplate', library: 'console-server-ports', inline: 'console_server_ports', end: 'console_server_port' },
  { model: 'dcim.powerport', template: 'dcim.powerporttemplate', library: 'power-ports', inline: 'power_ports', end: 'power_port' },
  { model: 'dcim.poweroutlet', template: 'dcim.poweroutlettemplate', library: 'power-outlets', inline: 'power_outlets', end: 'power_outlet' },
  { model: 'dcim.interface', template: 'dcim.interfacetemplate', library: 'interfaces', inline: 'interfaces', end: 'interface' },
  { model: 'dcim.frontport', template: 'dcim.frontporttemplate', library: 'front-ports', inline: 'front_ports', end: 'front_port' },
  { model: 'dcim.rearport', template: 'dcim.rearporttemplate', library: 'rear-ports', inline: 'rear_ports', end: 'rear_port' },
  { model: 'dcim.modulebay', template: 'dcim.modulebaytemplate', library: 'module-bays', inline: 'module_bays', end: '' },
  { model: 'dcim.devicebay', template: 'dcim.devicebaytemplate', library: 'device-bays', inline: 'device_bays', end: '' },
] as const;
type ComponentKind = (typeof COMPONENTS)[number];

/** What a device component is when nothing sets it (NetBox's model defaults); null fields are absent. */
const COMPONENT_DEFAULTS: Obj = { enabled: true, mgmt_only: false, mark_connected: false };

const DUMP_OPTIONS: jsyaml.DumpOptions = { sortKeys: false, lineWidth: -1, noRefs: true };

class Converter {
  private readonly byModel = new Map<string, Row[]>();
  private readonly byPk = new Map<string, Map<number, Row>>();
  private readonly files = new Map<string, Map<string, Obj[]>>();
  private readonly typeFiles = new Map<string, Obj>();
  private readonly tagsOf = new Map<string, string[]>();
  /** Components of each device, by model: device pk → rows in pk order. */
  private readonly componentsOf = new Map<string, Map<number, Row[]>>();

  constructor(dump: unknown[]) {
    const rows = dump.filter((r): r is Row => !!r && typeof r === 'object' && typeof (r as Row).model === 'string' && (r as Row).fields !== undefined);
    for (const r of rows) {
      let list = this.byModel.get(r.model);
      if (!list) this.byModel.set(r.model, (list = []));
      list.push(r);
      let m = this.byPk.get(r.model);
      if (!m) this.byPk.set(r.model, (m = new Map()));
      m.set(r.pk, r);
    }
    for (const list of this.byModel.values()) list.sort((a, b) => byPk(a.pk, b.pk));
    for (const t of this.all('extras.taggeditem')) {
      const key = `${t.fields.content_type.join('.')}:${t.fields.object_id}`;
      const tag = this.f('extras.tag', t.fields.tag);
      if (!tag) continue;
      let list = this.tagsOf.get(key);
      if (!list) this.tagsOf.set(key, (list = []));
      list.push(tag.slug);
    }
    for (const c of COMPONENTS) {
      const m = new Map<number, Row[]>();
      for (const r of this.all(c.model)) {
        let list = m.get(r.fields.device);
        if (!list) m.set(r.fields.device, (list = []));
        list.push(r);
      }
      this.componentsOf.set(c.model, m);
    }
  }

  // ------------------------------------------------------------------ helpers

  private all(model: string): Row[] {
    return this.byModel.get(model) ?? [];
  }

  private f(model: string, pk: number | null | undefined): Record<string, any> | undefined {
    return pk === null || pk === undefined ? undefined : this.byPk.get(model)?.get(pk)?.fields;
  }

  private name(model: string, pk: number | null | undefined, field = 'name'): string | undefined {
    return this.f(model, pk)?.[field];
  }

  private add(file: string, collection: string, obj: Obj): void {
    let f = this.files.get(file);
    if (!f) this.files.set(file, (f = new Map()));
    let list = f.get(collection);
    if (!list) f.set(collection, (list = []));
    list.push(obj);
  }

  private tags(model: string, pk: number): string[] | undefined {
    return this.tagsOf.get(`${model}:${pk}`);
  }

  /** Custom field values NetBox stored, '' included; none → undefined. */
  private customFields(f: Record<string, any>): Obj | undefined {
    const data = f.custom_field_data;
    if (!data || typeof data !== 'object') return undefined;
    const out: Obj = {};
    for (const [k, v] of Object.entries(data)) if (v !== null && v !== undefined) out[k] = v;
    return Object.keys(out).length ? out : undefined;
  }

  private siteFile(sitePk: number): string {
    return `sites/${this.name('dcim.site', sitePk, 'slug')}.yaml`;
  }

  /** A device by natural key: its name where the context's site (or uniqueness) makes it unambiguous. */
  private deviceRef(pk: number, contextSite?: number): unknown {
    const d = this.f('dcim.device', pk)!;
    if (d.name) {
      if (d.site === contextSite) return d.name;
      const lower = String(d.name).toLowerCase();
      const same = this.all('dcim.device').filter((o) => typeof o.fields.name === 'string' && o.fields.name.toLowerCase() === lower);
      return same.length === 1 ? d.name : { site: this.name('dcim.site', d.site), name: d.name };
    }
    if (d.asset_tag) return { asset_tag: d.asset_tag };
    if (d.virtual_chassis !== null && d.vc_position !== null) return { virtual_chassis: this.name('dcim.virtualchassis', d.virtual_chassis), vc_position: d.vc_position };
    return { site: this.name('dcim.site', d.site), rack: this.name('dcim.rack', d.rack), position: num(d.position), face: d.face };
  }

  private deviceTypeRef(pk: number): string {
    const t = this.f('dcim.devicetype', pk)!;
    return `${this.name('dcim.manufacturer', t.manufacturer)}/${t.model}`;
  }

  private circuitRef(pk: number): string {
    const c = this.f('circuits.circuit', pk)!;
    return `${this.name('circuits.provider', c.provider)}/${c.cid}`;
  }

  /** A VLAN: by name where the referring object's site or group fixes it, else group and VID. */
  private vlanRef(pk: number, context: { site?: number; group?: number } = {}): unknown {
    const v = this.f('ipam.vlan', pk)!;
    if (v.group !== null) return v.group === context.group ? v.name : { group: this.name('ipam.vlangroup', v.group), vid: v.vid };
    return v.name;
  }

  /** A VLAN group's scope (region, site group, site, location, rack, cluster group or cluster) by name. */
  private scope(model: string, pk: number): string | undefined {
    return this.name(model, pk);
  }

  private ipRef(pk: number): unknown {
    const ip = this.f('ipam.ipaddress', pk)!;
    return ip.vrf === null ? ip.address : { vrf: this.name('ipam.vrf', ip.vrf), address: ip.address };
  }

  // ------------------------------------------------------------------ run

  run(): Record<string, string> {
    this.organization();
    this.tenancy();
    this.extras();
    this.deviceTypes();
    this.sites();
    this.devices();
    this.cables();
    this.circuits();
    this.ipam();
    this.virtualization();
    const out: Record<string, string> = { 'sot.yaml': 'format: 1\nname: netbox-demo\n' };
    const paths = [...this.files.keys(), ...this.typeFiles.keys()].sort();
    for (const p of paths) {
      const doc = this.typeFiles.get(p) ?? Object.fromEntries(this.files.get(p)!);
      out[p] = jsyaml.dump(doc, DUMP_OPTIONS);
    }
    return out;
  }

  private organization(): void {
    const file = 'organization/organization.yaml';
    for (const r of this.all('extras.tag')) {
      const f = r.fields;
      this.add('organization/tags.yaml', 'tags', clean({ name: f.name, slug: f.slug, color: f.color, description: f.description }));
    }
    for (const r of this.all('dcim.region')) {
      const f = r.fields;
      this.add('organization/regions.yaml', 'regions', clean({ name: f.name, slug: f.slug, parent: this.name('dcim.region', f.parent), description: f.description, tags: this.tags(r.model, r.pk), custom_fields: this.customFields(f) }));
    }
    for (const r of this.all('dcim.sitegroup')) {
      const f = r.fields;
      this.add('organization/regions.yaml', 'site_groups', clean({ name: f.name, slug: f.slug, parent: this.name('dcim.sitegroup', f.parent), description: f.description, tags: this.tags(r.model, r.pk), custom_fields: this.customFields(f) }));
    }
    for (const r of this.all('dcim.manufacturer')) {
      const f = r.fields;
      this.add(file, 'manufacturers', clean({ name: f.name, slug: f.slug, description: f.description, tags: this.tags(r.model, r.pk), custom_fields: this.customFields(f) }));
    }
    for (const r of this.all('dcim.devicerole')) {
      const f = r.fields;
      this.add(file, 'device_roles', clean({ name: f.name, slug: f.slug, color: f.color, vm_role: f.vm_role, description: f.description, tags: this.tags(r.model, r.pk), custom_fields: this.customFields(f) }));
    }
    for (const r of this.all('dcim.platform')) {
      const f = r.fields;
      this.add(file, 'platforms', clean({ name: f.name, slug: f.slug, manufacturer: this.name('dcim.manufacturer', f.manufacturer), description: f.description, tags: this.tags(r.model, r.pk), custom_fields: this.customFields(f) }));
    }
    for (const r of this.all('dcim.rackrole')) {
      const f = r.fields;
      this.add(file, 'rack_roles', clean({ name: f.name, slug: f.slug, color: f.color, description: f.description, tags: this.tags(r.model, r.pk), custom_fields: this.customFields(f) }));
    }
  }

  private tenancy(): void {
    for (const r of this.all('tenancy.tenantgroup')) {
      const f = r.fields;
      this.add('tenancy/tenants.yaml', 'tenant_groups', clean({ name: f.name, slug: f.slug, parent: this.name('tenancy.tenantgroup', f.parent), description: f.description, tags: this.tags(r.model, r.pk), custom_fields: this.customFields(f) }));
    }
    for (const r of this.all('tenancy.tenant')) {
      const f = r.fields;
      this.add('tenancy/tenants.yaml', 'tenants', clean({ name: f.name, slug: f.slug, group: this.name('tenancy.tenantgroup', f.group), description: f.description, comments: f.comments, tags: this.tags(r.model, r.pk), custom_fields: this.customFields(f) }));
    }
    const file = 'tenancy/contacts.yaml';
    for (const r of this.all('tenancy.contactgroup')) {
      const f = r.fields;
      this.add(file, 'contact_groups', clean({ name: f.name, slug: f.slug, parent: this.name('tenancy.contactgroup', f.parent), description: f.description, tags: this.tags(r.model, r.pk), custom_fields: this.customFields(f) }));
    }
    for (const r of this.all('tenancy.contactrole')) {
      const f = r.fields;
      this.add(file, 'contact_roles', clean({ name: f.name, slug: f.slug, description: f.description, tags: this.tags(r.model, r.pk), custom_fields: this.customFields(f) }));
    }
    for (const r of this.all('tenancy.contact')) {
      const f = r.fields;
      // NetBox 4.3 made a contact's group a list (groups).
      const group = this.name('tenancy.contactgroup', f.group);
      this.add(
        file,
        'contacts',
        clean({
          name: f.name,
          title: f.title,
          phone: f.phone,
          email: f.email,
          address: f.address,
          link: f.link,
          groups: group === undefined ? undefined : [group],
          description: f.description,
          comments: f.comments,
          tags: this.tags(r.model, r.pk),
          custom_fields: this.customFields(f),
        }),
      );
    }
    for (const r of this.all('tenancy.contactassignment')) {
      const f = r.fields;
      const objectType = f.content_type.join('.');
      this.add(
        file,
        'contact_assignments',
        clean({
          object_type: objectType,
          object: this.objectRef(objectType, f.object_id),
          contact: this.name('tenancy.contact', f.contact),
          role: this.name('tenancy.contactrole', f.role),
          priority: blankToNull(f.priority),
          tags: this.tags(r.model, r.pk),
        }),
      );
    }
  }

  /** An object named by a generic foreign key (contact assignments). */
  private objectRef(model: string, pk: number): unknown {
    switch (model) {
      case 'dcim.device':
        return this.deviceRef(pk);
      case 'circuits.circuit':
        return this.circuitRef(pk);
      case 'ipam.ipaddress':
        return this.ipRef(pk);
      case 'ipam.prefix':
      case 'ipam.aggregate':
        return this.f(model, pk)?.prefix;
      case 'ipam.asn':
        return this.f(model, pk)?.asn;
      default:
        return this.name(model, pk);
    }
  }

  private extras(): void {
    // NetBox 4.0 split ui_visibility into ui_visible and ui_editable.
    const visibility: Record<string, [string, string]> = {
      'read-write': ['always', 'yes'],
      'read-only': ['always', 'no'],
      hidden: ['hidden', 'hidden'],
      'hidden-ifunset': ['if-set', 'yes'],
    };
    for (const r of this.all('extras.customfield')) {
      const f = r.fields;
      const [uiVisible, uiEditable] = visibility[f.ui_visibility] ?? [undefined, undefined];
      this.add(
        'extras/custom-fields.yaml',
        'custom_fields',
        clean({
          name: f.name,
          type: f.type,
          object_types: (f.content_types ?? []).map((ct: string[]) => ct.join('.')),
          label: f.label,
          group_name: f.group_name,
          description: f.description,
          required: f.required,
          default: f.default,
          weight: f.weight,
          search_weight: f.search_weight,
          filter_logic: blankToNull(f.filter_logic),
          ui_visible: uiVisible,
          ui_editable: uiEditable,
          validation_minimum: f.validation_minimum,
          validation_maximum: f.validation_maximum,
          validation_regex: f.validation_regex,
          choice_set: this.name('extras.customfieldchoiceset', f.choice_set),
          related_object_type: Array.isArray(f.object_type) ? f.object_type.join('.') : undefined,
        }),
      );
    }
  }

  // ------------------------------------------------------------------ device and module types

  /** A template in the devicetype-library format (names for the templates it refers to). */
  private template(kind: ComponentKind, f: Record<string, any>): Obj {
    const ref = (model: string, pk: number | null) => this.name(model, pk);
    switch (kind.model) {
      case 'dcim.interface':
        return clean({ name: f.name, label: f.label, type: blankToNull(f.type), enabled: f.enabled, mgmt_only: f.mgmt_only, bridge: ref('dcim.interfacetemplate', f.bridge), poe_mode: blankToNull(f.poe_mode), poe_type: blankToNull(f.poe_type), rf_role: blankToNull(f.rf_role), description: f.description });
      case 'dcim.frontport':
        return clean({ name: f.name, label: f.label, type: blankToNull(f.type), color: f.color, rear_port: ref('dcim.rearporttemplate', f.rear_port), rear_port_position: f.rear_port_position, description: f.description });
      case 'dcim.rearport':
        return clean({ name: f.name, label: f.label, type: blankToNull(f.type), color: f.color, positions: f.positions, description: f.description });
      case 'dcim.consoleport':
      case 'dcim.consoleserverport':
        return clean({ name: f.name, label: f.label, type: blankToNull(f.type), description: f.description });
      case 'dcim.powerport':
        return clean({ name: f.name, label: f.label, type: blankToNull(f.type), maximum_draw: f.maximum_draw, allocated_draw: f.allocated_draw, description: f.description });
      case 'dcim.poweroutlet':
        return clean({ name: f.name, label: f.label, type: blankToNull(f.type), power_port: ref('dcim.powerporttemplate', f.power_port), feed_leg: blankToNull(f.feed_leg), description: f.description });
      case 'dcim.modulebay':
        return clean({ name: f.name, label: f.label, position: f.position, description: f.description });
      case 'dcim.devicebay':
        return clean({ name: f.name, label: f.label, description: f.description });
    }
  }

  private templatesOf(kind: ComponentKind, owner: 'device_type' | 'module_type', pk: number): Row[] {
    return this.all(kind.template).filter((t) => t.fields[owner] === pk);
  }

  private deviceTypes(): void {
    for (const r of this.all('dcim.devicetype')) {
      const f = r.fields;
      const manufacturer = this.name('dcim.manufacturer', f.manufacturer)!;
      const doc: Obj = clean({
        manufacturer,
        model: f.model,
        slug: f.slug,
        part_number: f.part_number,
        u_height: num(f.u_height),
        exclude_from_utilization: f.exclude_from_utilization,
        is_full_depth: f.is_full_depth,
        subdevice_role: blankToNull(f.subdevice_role),
        airflow: blankToNull(f.airflow),
        weight: num(f.weight),
        weight_unit: blankToNull(f.weight_unit),
        default_platform: this.name('dcim.platform', f.default_platform),
        description: f.description,
        comments: f.comments,
        tags: this.tags(r.model, r.pk),
        custom_fields: this.customFields(f),
      });
      for (const kind of COMPONENTS) {
        const list = this.templatesOf(kind, 'device_type', r.pk).map((t) => this.template(kind, t.fields));
        if (list.length) doc[kind.library] = list;
      }
      this.typeFiles.set(`device-types/${manufacturer}/${f.model}.yaml`, doc);
    }
    for (const r of this.all('dcim.moduletype')) {
      const f = r.fields;
      const manufacturer = this.name('dcim.manufacturer', f.manufacturer)!;
      const doc: Obj = clean({
        manufacturer,
        model: f.model,
        part_number: f.part_number,
        airflow: blankToNull(f.airflow),
        weight: num(f.weight),
        weight_unit: blankToNull(f.weight_unit),
        description: f.description,
        comments: f.comments,
        tags: this.tags(r.model, r.pk),
        custom_fields: this.customFields(f),
      });
      for (const kind of COMPONENTS) {
        if (kind.model === 'dcim.devicebay') continue; // module types have no device bays
        const list = this.templatesOf(kind, 'module_type', r.pk).map((t) => this.template(kind, t.fields));
        if (list.length) doc[kind.library] = list;
      }
      this.typeFiles.set(`module-types/${manufacturer}/${f.model}.yaml`, doc);
    }
  }

  // ------------------------------------------------------------------ sites, racks, power

  private sites(): void {
    for (const r of this.all('dcim.site')) {
      const f = r.fields;
      this.add(
        this.siteFile(r.pk),
        'sites',
        clean({
          name: f.name,
          slug: f.slug,
          status: blankToNull(f.status),
          region: this.name('dcim.region', f.region),
          group: this.name('dcim.sitegroup', f.group),
          tenant: this.name('tenancy.tenant', f.tenant),
          asns: nonEmpty((f.asns ?? []).map((a: number) => this.f('ipam.asn', a)?.asn)),
          facility: f.facility,
          time_zone: f.time_zone,
          physical_address: f.physical_address,
          shipping_address: f.shipping_address,
          latitude: num(f.latitude),
          longitude: num(f.longitude),
          description: f.description,
          comments: f.comments,
          tags: this.tags(r.model, r.pk),
          custom_fields: this.customFields(f),
        }),
      );
    }
    for (const r of this.all('dcim.location')) {
      const f = r.fields;
      this.add(
        this.siteFile(f.site),
        'locations',
        clean({
          name: f.name,
          slug: f.slug,
          site: this.name('dcim.site', f.site),
          parent: this.name('dcim.location', f.parent),
          status: blankToNull(f.status),
          tenant: this.name('tenancy.tenant', f.tenant),
          facility: f.facility,
          description: f.description,
          comments: f.comments,
          tags: this.tags(r.model, r.pk),
          custom_fields: this.customFields(f),
        }),
      );
    }
    for (const r of this.all('dcim.rack')) {
      const f = r.fields;
      this.add(
        this.siteFile(f.site),
        'racks',
        clean({
          name: f.name,
          site: this.name('dcim.site', f.site),
          location: this.name('dcim.location', f.location), // a location of the rack's site
          facility_id: f.facility_id,
          tenant: this.name('tenancy.tenant', f.tenant),
          status: blankToNull(f.status),
          role: this.name('dcim.rackrole', f.role),
          serial: f.serial,
          asset_tag: f.asset_tag,
          form_factor: blankToNull(f.type ?? f.form_factor), // NetBox 4.0 renamed type to form_factor
          width: f.width,
          u_height: f.u_height,
          starting_unit: f.starting_unit,
          desc_units: f.desc_units,
          outer_width: num(f.outer_width),
          outer_depth: num(f.outer_depth),
          outer_unit: blankToNull(f.outer_unit),
          mounting_depth: num(f.mounting_depth),
          weight: num(f.weight),
          max_weight: f.max_weight,
          weight_unit: blankToNull(f.weight_unit),
          description: f.description,
          comments: f.comments,
          tags: this.tags(r.model, r.pk),
          custom_fields: this.customFields(f),
        }),
      );
    }
    for (const r of this.all('dcim.rackreservation')) {
      const f = r.fields;
      const rack = this.f('dcim.rack', f.rack)!;
      this.add(
        this.siteFile(rack.site),
        'rack_reservations',
        clean({
          rack: this.rackRef(f.rack),
          units: f.units,
          status: blankToNull(f.status),
          user: Array.isArray(f.user) ? f.user[0] : this.name('auth.user', f.user, 'username'),
          tenant: this.name('tenancy.tenant', f.tenant),
          description: f.description,
          comments: f.comments,
          tags: this.tags(r.model, r.pk),
          custom_fields: this.customFields(f),
        }),
      );
    }
    for (const r of this.all('dcim.powerpanel')) {
      const f = r.fields;
      this.add(
        this.siteFile(f.site),
        'power_panels',
        clean({
          name: f.name,
          site: this.name('dcim.site', f.site),
          location: this.name('dcim.location', f.location),
          description: f.description,
          comments: f.comments,
          tags: this.tags(r.model, r.pk),
          custom_fields: this.customFields(f),
        }),
      );
    }
    for (const r of this.all('dcim.powerfeed')) {
      const f = r.fields;
      const panel = this.f('dcim.powerpanel', f.power_panel)!;
      const rack = this.f('dcim.rack', f.rack);
      this.add(
        this.siteFile(panel.site),
        'power_feeds',
        clean({
          name: f.name,
          power_panel: this.panelRef(f.power_panel),
          // A rack of the panel's site, as NetBox requires: its name is enough there.
          rack: rack ? (rack.site === panel.site ? rack.name : this.rackRef(f.rack)) : undefined,
          status: blankToNull(f.status),
          type: blankToNull(f.type),
          supply: blankToNull(f.supply),
          phase: blankToNull(f.phase),
          voltage: f.voltage,
          amperage: f.amperage,
          max_utilization: f.max_utilization,
          mark_connected: f.mark_connected,
          tenant: this.name('tenancy.tenant', f.tenant),
          description: f.description,
          comments: f.comments,
          tags: this.tags(r.model, r.pk),
          custom_fields: this.customFields(f),
        }),
      );
    }
  }

  /** A rack where no context fixes its site: site/name, or its name when no other site has one so named. */
  private rackRef(pk: number): unknown {
    const rack = this.f('dcim.rack', pk)!;
    const same = this.all('dcim.rack').filter((o) => o.fields.name === rack.name);
    return same.length === 1 ? rack.name : { site: this.name('dcim.site', rack.site), name: rack.name };
  }

  private panelRef(pk: number): unknown {
    const p = this.f('dcim.powerpanel', pk)!;
    return { site: this.name('dcim.site', p.site), name: p.name };
  }

  // ------------------------------------------------------------------ devices

  private devices(): void {
    for (const r of this.all('dcim.device')) {
      const f = r.fields;
      const file = this.siteFile(f.site);
      const device: Obj = clean({
        name: f.name,
        device_type: this.deviceTypeRef(f.device_type),
        role: this.name('dcim.devicerole', f.role ?? f.device_role),
        tenant: this.name('tenancy.tenant', f.tenant),
        platform: this.name('dcim.platform', f.platform),
        serial: f.serial,
        asset_tag: f.asset_tag,
        site: this.name('dcim.site', f.site),
        location: this.name('dcim.location', f.location), // a location of the device's site
        rack: this.name('dcim.rack', f.rack), // a rack of the device's site
        position: num(f.position),
        face: blankToNull(f.face),
        status: blankToNull(f.status),
        airflow: blankToNull(f.airflow),
        latitude: num(f.latitude),
        longitude: num(f.longitude),
        primary_ip4: f.primary_ip4 === null ? undefined : this.ipRef(f.primary_ip4),
        primary_ip6: f.primary_ip6 === null ? undefined : this.ipRef(f.primary_ip6),
        oob_ip: f.oob_ip === null || f.oob_ip === undefined ? undefined : this.ipRef(f.oob_ip),
        cluster: this.name('virtualization.cluster', f.cluster),
        virtual_chassis: this.name('dcim.virtualchassis', f.virtual_chassis),
        vc_position: f.vc_position,
        vc_priority: f.vc_priority,
        config_template: this.name('extras.configtemplate', f.config_template),
        local_context_data: f.local_context_data,
        description: f.description,
        comments: f.comments,
        tags: this.tags(r.model, r.pk),
        custom_fields: this.customFields(f),
      });
      for (const kind of COMPONENTS) {
        const list = this.deviceComponents(kind, r.pk, f.device_type, f.site);
        if (list.length) device[kind.inline] = list;
      }
      this.add(file, 'devices', device);
    }
    for (const r of this.all('dcim.virtualchassis')) {
      const f = r.fields;
      const master = this.f('dcim.device', f.master);
      const members = this.all('dcim.device').filter((d) => d.fields.virtual_chassis === r.pk);
      const site = master?.site ?? members[0]?.fields.site;
      this.add(
        site === undefined ? 'dcim/virtual-chassis.yaml' : this.siteFile(site),
        'virtual_chassis',
        clean({
          name: f.name,
          domain: f.domain,
          master: f.master === null ? undefined : this.deviceRef(f.master, undefined),
          description: f.description,
          comments: f.comments,
          tags: this.tags(r.model, r.pk),
          custom_fields: this.customFields(f),
        }),
      );
    }
    for (const r of this.all('dcim.module')) {
      const f = r.fields;
      const device = this.f('dcim.device', f.device)!;
      this.add(
        this.siteFile(device.site),
        'modules',
        clean({
          device: this.deviceRef(f.device),
          module_bay: this.name('dcim.modulebay', f.module_bay), // a module bay of that device
          module_type: `${this.name('dcim.manufacturer', this.f('dcim.moduletype', f.module_type)!.manufacturer)}/${this.name('dcim.moduletype', f.module_type, 'model')}`,
          status: blankToNull(f.status),
          serial: f.serial,
          asset_tag: f.asset_tag,
          description: f.description,
          comments: f.comments,
          tags: this.tags(r.model, r.pk),
          custom_fields: this.customFields(f),
        }),
      );
    }
  }

  /** A device component with every field NetBox stored (null ones left out), references as names. */
  private component(kind: ComponentKind, r: Row, site: number): Obj {
    const f = r.fields;
    const nameOf = (model: string, pk: number | null) => this.name(model, pk);
    const common = { mark_connected: f.mark_connected, description: f.description, tags: this.tags(r.model, r.pk), custom_fields: this.customFields(f) };
    switch (kind.model) {
      case 'dcim.interface':
        return clean({
          name: f.name,
          label: f.label,
          type: blankToNull(f.type),
          enabled: f.enabled,
          mgmt_only: f.mgmt_only,
          mtu: f.mtu,
          speed: f.speed,
          duplex: blankToNull(f.duplex),
          wwn: f.wwn,
          mac_address: f.mac_address,
          parent: nameOf('dcim.interface', f.parent),
          bridge: nameOf('dcim.interface', f.bridge),
          lag: nameOf('dcim.interface', f.lag),
          mode: blankToNull(f.mode),
          vrf: this.name('ipam.vrf', f.vrf),
          untagged_vlan: f.untagged_vlan === null ? undefined : this.vlanRef(f.untagged_vlan, { site }),
          tagged_vlans: nonEmpty((f.tagged_vlans ?? []).map((v: number) => this.vlanRef(v, { site }))),
          vdcs: nonEmpty((f.vdcs ?? []).map((v: number) => this.name('dcim.virtualdevicecontext', v))),
          wireless_lans: nonEmpty((f.wireless_lans ?? []).map((v: number) => this.name('wireless.wirelesslan', v, 'ssid'))),
          poe_mode: blankToNull(f.poe_mode),
          poe_type: blankToNull(f.poe_type),
          rf_role: blankToNull(f.rf_role),
          rf_channel: blankToNull(f.rf_channel),
          rf_channel_frequency: num(f.rf_channel_frequency),
          rf_channel_width: num(f.rf_channel_width),
          tx_power: f.tx_power,
          ...common,
        });
      case 'dcim.frontport':
        return clean({ name: f.name, label: f.label, type: blankToNull(f.type), color: f.color, rear_port: nameOf('dcim.rearport', f.rear_port), rear_port_position: f.rear_port_position, ...common });
      case 'dcim.rearport':
        return clean({ name: f.name, label: f.label, type: blankToNull(f.type), color: f.color, positions: f.positions, ...common });
      case 'dcim.consoleport':
      case 'dcim.consoleserverport':
        return clean({ name: f.name, label: f.label, type: blankToNull(f.type), speed: f.speed, ...common });
      case 'dcim.powerport':
        return clean({ name: f.name, label: f.label, type: blankToNull(f.type), maximum_draw: f.maximum_draw, allocated_draw: f.allocated_draw, ...common });
      case 'dcim.poweroutlet':
        return clean({ name: f.name, label: f.label, type: blankToNull(f.type), power_port: nameOf('dcim.powerport', f.power_port), feed_leg: blankToNull(f.feed_leg), ...common });
      case 'dcim.modulebay':
        return clean({ name: f.name, label: f.label, position: f.position, description: f.description, tags: common.tags, custom_fields: common.custom_fields });
      case 'dcim.devicebay':
        return clean({
          name: f.name,
          label: f.label,
          installed_device: f.installed_device === null ? undefined : this.deviceRef(f.installed_device, site),
          description: f.description,
          tags: common.tags,
          custom_fields: common.custom_fields,
        });
    }
  }

  /**
   * What to write under a device for one component kind: its type's templates are its components
   * already, so only differences are written (NetBox creates the device's components from the type;
   * a module's components come with the module).
   */
  private deviceComponents(kind: ComponentKind, devicePk: number, typePk: number, site: number): Obj[] {
    const templates = new Map<string, Obj>();
    for (const t of this.templatesOf(kind, 'device_type', typePk)) templates.set(t.fields.name, this.template(kind, t.fields));
    const rows = (this.componentsOf.get(kind.model)?.get(devicePk) ?? []).filter((c) => c.fields.module === null || c.fields.module === undefined);
    const out: Obj[] = [];
    const seen = new Set<string>();
    for (const c of rows) {
      seen.add(c.fields.name);
      const full = this.component(kind, c, site);
      const t = templates.get(c.fields.name);
      if (!t) {
        out.push(full); // not in the type: added, with all its fields
        continue;
      }
      const diff: Obj = {};
      for (const [k, v] of Object.entries(full)) {
        if (k === 'name') continue;
        const expected = k in t ? t[k] : COMPONENT_DEFAULTS[k];
        if (!same(v, expected)) diff[k] = v;
      }
      if (Object.keys(diff).length) out.push({ name: c.fields.name, ...diff });
    }
    for (const [name] of templates) if (!seen.has(name) && !this.moduleHas(kind, devicePk, name)) out.push({ name, remove: true });
    return out;
  }

  private moduleHas(kind: ComponentKind, devicePk: number, name: string): boolean {
    return (this.componentsOf.get(kind.model)?.get(devicePk) ?? []).some((c) => c.fields.module !== null && c.fields.module !== undefined && c.fields.name === name);
  }

  // ------------------------------------------------------------------ cables

  private cableEnd(t: Record<string, any>): unknown {
    const model = t.termination_type.join('.');
    const id = t.termination_id;
    if (model === 'circuits.circuittermination') {
      const ct = this.f(model, id)!;
      return { circuit: this.circuitRef(ct.circuit), term_side: ct.term_side };
    }
    if (model === 'dcim.powerfeed') {
      const pf = this.f(model, id)!;
      const panel = this.f('dcim.powerpanel', pf.power_panel)!;
      return { power_panel: `${this.name('dcim.site', panel.site)}/${panel.name}`, power_feed: pf.name };
    }
    const kind = COMPONENTS.find((c) => c.model === model);
    if (!kind || !kind.end) throw new Error(`netbox-demo: cable termination of unknown type ${model}`);
    const c = this.f(model, id)!;
    const device = this.deviceRef(c.device);
    if (kind.end === 'interface' && typeof device === 'string' && !device.includes(':')) return `${device}:${c.name}`;
    return { device, [kind.end]: c.name };
  }

  private cables(): void {
    const terms = new Map<number, Record<string, any>[]>();
    for (const t of this.all('dcim.cabletermination')) {
      let list = terms.get(t.fields.cable);
      if (!list) terms.set(t.fields.cable, (list = []));
      list.push(t.fields);
    }
    for (const r of this.all('dcim.cable')) {
      const f = r.fields;
      const ends = terms.get(r.pk) ?? [];
      const side = (s: 'A' | 'B') => ends.filter((t) => t.cable_end === s).map((t) => this.cableEnd(t));
      const a = side('A');
      const b = side('B');
      const site = ends.find((t) => t._site !== null && t._site !== undefined)?._site;
      this.add(
        site === undefined ? 'dcim/cables.yaml' : this.siteFile(site),
        'cables',
        clean({
          ...(a.length === 1 ? { a: a[0] } : { a_terminations: a }),
          ...(b.length === 1 ? { b: b[0] } : { b_terminations: b }),
          type: blankToNull(f.type),
          status: blankToNull(f.status),
          tenant: this.name('tenancy.tenant', f.tenant),
          label: f.label,
          color: f.color,
          length: num(f.length),
          length_unit: blankToNull(f.length_unit),
          description: f.description,
          comments: f.comments,
          tags: this.tags(r.model, r.pk),
          custom_fields: this.customFields(f),
        }),
      );
    }
  }

  // ------------------------------------------------------------------ circuits

  private circuits(): void {
    const file = 'circuits/providers.yaml';
    for (const r of this.all('circuits.provider')) {
      const f = r.fields;
      this.add(
        file,
        'providers',
        clean({
          name: f.name,
          slug: f.slug,
          asns: nonEmpty((f.asns ?? []).map((a: number) => this.f('ipam.asn', a)?.asn)),
          description: f.description,
          comments: f.comments,
          tags: this.tags(r.model, r.pk),
          custom_fields: this.customFields(f),
        }),
      );
    }
    for (const r of this.all('circuits.providernetwork')) {
      const f = r.fields;
      this.add(
        file,
        'provider_networks',
        clean({ provider: this.name('circuits.provider', f.provider), name: f.name, service_id: f.service_id, description: f.description, comments: f.comments, tags: this.tags(r.model, r.pk), custom_fields: this.customFields(f) }),
      );
    }
    for (const r of this.all('circuits.circuittype')) {
      const f = r.fields;
      this.add(file, 'circuit_types', clean({ name: f.name, slug: f.slug, color: f.color, description: f.description, tags: this.tags(r.model, r.pk), custom_fields: this.customFields(f) }));
    }
    const circuits = 'circuits/circuits.yaml';
    for (const r of this.all('circuits.circuit')) {
      const f = r.fields;
      this.add(
        circuits,
        'circuits',
        clean({
          cid: f.cid,
          provider: this.name('circuits.provider', f.provider),
          provider_account: this.name('circuits.provideraccount', f.provider_account, 'account'),
          type: this.name('circuits.circuittype', f.type),
          status: blankToNull(f.status),
          tenant: this.name('tenancy.tenant', f.tenant),
          install_date: f.install_date,
          termination_date: f.termination_date,
          commit_rate: f.commit_rate,
          description: f.description,
          comments: f.comments,
          tags: this.tags(r.model, r.pk),
          custom_fields: this.customFields(f),
        }),
      );
    }
    for (const r of this.all('circuits.circuittermination')) {
      const f = r.fields;
      // NetBox 4.2 made a termination's site or provider network a generic termination.
      let termination: [string, unknown] | undefined;
      if (f.site !== null && f.site !== undefined) termination = ['dcim.site', this.name('dcim.site', f.site)];
      else if (f.provider_network !== null && f.provider_network !== undefined) {
        const pn = this.f('circuits.providernetwork', f.provider_network)!;
        termination = ['circuits.providernetwork', `${this.name('circuits.provider', pn.provider)}/${pn.name}`];
      }
      this.add(
        circuits,
        'circuit_terminations',
        clean({
          circuit: this.circuitRef(f.circuit),
          term_side: f.term_side,
          termination_type: termination?.[0],
          termination: termination?.[1],
          port_speed: f.port_speed,
          upstream_speed: f.upstream_speed,
          xconnect_id: f.xconnect_id,
          pp_info: f.pp_info,
          mark_connected: f.mark_connected,
          description: f.description,
          tags: this.tags(r.model, r.pk),
          custom_fields: this.customFields(f),
        }),
      );
    }
  }

  // ------------------------------------------------------------------ IPAM

  private ipam(): void {
    const reg = 'ipam/registries.yaml';
    for (const r of this.all('ipam.rir')) {
      const f = r.fields;
      this.add(reg, 'rirs', clean({ name: f.name, slug: f.slug, is_private: f.is_private, description: f.description, tags: this.tags(r.model, r.pk), custom_fields: this.customFields(f) }));
    }
    for (const r of this.all('ipam.aggregate')) {
      const f = r.fields;
      this.add(
        reg,
        'aggregates',
        clean({ prefix: f.prefix, rir: this.name('ipam.rir', f.rir), tenant: this.name('tenancy.tenant', f.tenant), date_added: f.date_added, description: f.description, comments: f.comments, tags: this.tags(r.model, r.pk), custom_fields: this.customFields(f) }),
      );
    }
    for (const r of this.all('ipam.asn')) {
      const f = r.fields;
      this.add(reg, 'asns', clean({ asn: f.asn, rir: this.name('ipam.rir', f.rir), tenant: this.name('tenancy.tenant', f.tenant), description: f.description, comments: f.comments, tags: this.tags(r.model, r.pk), custom_fields: this.customFields(f) }));
    }
    for (const r of this.all('ipam.role')) {
      const f = r.fields;
      this.add('ipam/roles.yaml', 'roles', clean({ name: f.name, slug: f.slug, weight: f.weight, description: f.description, tags: this.tags(r.model, r.pk), custom_fields: this.customFields(f) }));
    }
    const vrfs = 'ipam/vrfs.yaml';
    for (const r of this.all('ipam.routetarget')) {
      const f = r.fields;
      this.add(vrfs, 'route_targets', clean({ name: f.name, tenant: this.name('tenancy.tenant', f.tenant), description: f.description, comments: f.comments, tags: this.tags(r.model, r.pk), custom_fields: this.customFields(f) }));
    }
    for (const r of this.all('ipam.vrf')) {
      const f = r.fields;
      this.add(
        vrfs,
        'vrfs',
        clean({
          name: f.name,
          rd: f.rd,
          tenant: this.name('tenancy.tenant', f.tenant),
          enforce_unique: f.enforce_unique,
          import_targets: nonEmpty((f.import_targets ?? []).map((t: number) => this.name('ipam.routetarget', t))),
          export_targets: nonEmpty((f.export_targets ?? []).map((t: number) => this.name('ipam.routetarget', t))),
          description: f.description,
          comments: f.comments,
          tags: this.tags(r.model, r.pk),
          custom_fields: this.customFields(f),
        }),
      );
    }
    const vlans = 'ipam/vlans.yaml';
    for (const r of this.all('ipam.vlangroup')) {
      const f = r.fields;
      const scopeType = Array.isArray(f.scope_type) ? f.scope_type.join('.') : undefined;
      this.add(
        vlans,
        'vlan_groups',
        clean({
          name: f.name,
          slug: f.slug,
          scope_type: scopeType,
          scope: scopeType === undefined ? undefined : this.scope(scopeType, f.scope_id),
          // NetBox 4.0 replaced min_vid/max_vid with a list of ranges.
          vid_ranges: f.vid_ranges ?? (f.min_vid !== undefined && f.max_vid !== undefined ? [[f.min_vid, f.max_vid]] : undefined),
          tenant: this.name('tenancy.tenant', f.tenant),
          description: f.description,
          comments: f.comments,
          tags: this.tags(r.model, r.pk),
          custom_fields: this.customFields(f),
        }),
      );
    }
    for (const r of this.all('ipam.vlan')) {
      const f = r.fields;
      this.add(
        vlans,
        'vlans',
        clean({
          vid: f.vid,
          name: f.name,
          group: this.name('ipam.vlangroup', f.group),
          site: this.name('dcim.site', f.site),
          tenant: this.name('tenancy.tenant', f.tenant),
          status: blankToNull(f.status),
          role: this.name('ipam.role', f.role),
          description: f.description,
          comments: f.comments,
          tags: this.tags(r.model, r.pk),
          custom_fields: this.customFields(f),
        }),
      );
    }
    for (const r of this.all('ipam.prefix')) {
      const f = r.fields;
      this.add(
        'ipam/prefixes.yaml',
        'prefixes',
        clean({
          prefix: f.prefix,
          vrf: this.name('ipam.vrf', f.vrf),
          // NetBox 4.2 replaced a prefix's site with a scope.
          scope_type: f.site === null || f.site === undefined ? undefined : 'dcim.site',
          scope: this.name('dcim.site', f.site),
          vlan: f.vlan === null ? undefined : this.vlanRef(f.vlan, { site: f.site }), // a VLAN of the prefix's site
          tenant: this.name('tenancy.tenant', f.tenant),
          status: blankToNull(f.status),
          role: this.name('ipam.role', f.role),
          is_pool: f.is_pool,
          mark_utilized: f.mark_utilized,
          description: f.description,
          comments: f.comments,
          tags: this.tags(r.model, r.pk),
          custom_fields: this.customFields(f),
        }),
      );
    }
    for (const r of this.all('ipam.iprange')) {
      const f = r.fields;
      this.add(
        'ipam/prefixes.yaml',
        'ip_ranges',
        clean({
          start_address: f.start_address,
          end_address: f.end_address,
          vrf: this.name('ipam.vrf', f.vrf),
          tenant: this.name('tenancy.tenant', f.tenant),
          status: blankToNull(f.status),
          role: this.name('ipam.role', f.role),
          mark_utilized: f.mark_utilized,
          description: f.description,
          comments: f.comments,
          tags: this.tags(r.model, r.pk),
          custom_fields: this.customFields(f),
        }),
      );
    }
    for (const r of this.all('ipam.ipaddress')) {
      const f = r.fields;
      const assignedType = Array.isArray(f.assigned_object_type) ? f.assigned_object_type.join('.') : undefined;
      this.add(
        'ipam/ip-addresses.yaml',
        'ip_addresses',
        clean({
          address: f.address,
          vrf: this.name('ipam.vrf', f.vrf),
          tenant: this.name('tenancy.tenant', f.tenant),
          status: blankToNull(f.status),
          role: blankToNull(f.role),
          assigned_object_type: assignedType,
          assigned_object: assignedType === undefined ? undefined : this.assignedRef(assignedType, f.assigned_object_id),
          nat_inside: f.nat_inside === null ? undefined : this.ipRef(f.nat_inside),
          dns_name: f.dns_name,
          description: f.description,
          comments: f.comments,
          tags: this.tags(r.model, r.pk),
          custom_fields: this.customFields(f),
        }),
      );
    }
  }

  /** An IP address's interface: device:interface, a mapping for a device without a plain name, or vm:interface. */
  private assignedRef(model: string, pk: number): unknown {
    const c = this.f(model, pk)!;
    if (model === 'dcim.interface') {
      const device = this.deviceRef(c.device);
      return typeof device === 'string' && !device.includes(':') ? `${device}:${c.name}` : { device, name: c.name };
    }
    if (model === 'virtualization.vminterface') return `${this.name('virtualization.virtualmachine', c.virtual_machine)}:${c.name}`;
    return c.name;
  }

  // ------------------------------------------------------------------ virtualization

  private virtualization(): void {
    const file = 'virtualization/clusters.yaml';
    for (const r of this.all('virtualization.clustertype')) {
      const f = r.fields;
      this.add(file, 'cluster_types', clean({ name: f.name, slug: f.slug, description: f.description, tags: this.tags(r.model, r.pk), custom_fields: this.customFields(f) }));
    }
    for (const r of this.all('virtualization.clustergroup')) {
      const f = r.fields;
      this.add(file, 'cluster_groups', clean({ name: f.name, slug: f.slug, description: f.description, tags: this.tags(r.model, r.pk), custom_fields: this.customFields(f) }));
    }
    for (const r of this.all('virtualization.cluster')) {
      const f = r.fields;
      this.add(
        file,
        'clusters',
        clean({
          name: f.name,
          type: this.name('virtualization.clustertype', f.type),
          group: this.name('virtualization.clustergroup', f.group),
          status: blankToNull(f.status),
          tenant: this.name('tenancy.tenant', f.tenant),
          // NetBox 4.2 replaced a cluster's site with a scope.
          scope_type: f.site === null || f.site === undefined ? undefined : 'dcim.site',
          scope: this.name('dcim.site', f.site),
          description: f.description,
          comments: f.comments,
          tags: this.tags(r.model, r.pk),
          custom_fields: this.customFields(f),
        }),
      );
    }
    const interfaces = new Map<number, Row[]>();
    for (const i of this.all('virtualization.vminterface')) {
      let list = interfaces.get(i.fields.virtual_machine);
      if (!list) interfaces.set(i.fields.virtual_machine, (list = []));
      list.push(i);
    }
    for (const r of this.all('virtualization.virtualmachine')) {
      const f = r.fields;
      const vm: Obj = clean({
        name: f.name,
        status: blankToNull(f.status),
        site: this.name('dcim.site', f.site),
        cluster: this.name('virtualization.cluster', f.cluster),
        device: f.device === null ? undefined : this.deviceRef(f.device, f.site),
        role: this.name('dcim.devicerole', f.role),
        platform: this.name('dcim.platform', f.platform),
        tenant: this.name('tenancy.tenant', f.tenant),
        primary_ip4: f.primary_ip4 === null ? undefined : this.ipRef(f.primary_ip4),
        primary_ip6: f.primary_ip6 === null ? undefined : this.ipRef(f.primary_ip6),
        vcpus: num(f.vcpus),
        memory: f.memory,
        disk: f.disk,
        local_context_data: f.local_context_data,
        description: f.description,
        comments: f.comments,
        tags: this.tags(r.model, r.pk),
        custom_fields: this.customFields(f),
      });
      const list = (interfaces.get(r.pk) ?? []).map((i) => {
        const g = i.fields;
        return clean({
          name: g.name,
          enabled: g.enabled,
          mtu: g.mtu,
          mac_address: g.mac_address,
          mode: blankToNull(g.mode),
          parent: this.name('virtualization.vminterface', g.parent),
          bridge: this.name('virtualization.vminterface', g.bridge),
          vrf: this.name('ipam.vrf', g.vrf),
          untagged_vlan: g.untagged_vlan === null ? undefined : this.vlanRef(g.untagged_vlan),
          tagged_vlans: nonEmpty((g.tagged_vlans ?? []).map((v: number) => this.vlanRef(v))),
          description: g.description,
          tags: this.tags(i.model, i.pk),
          custom_fields: this.customFields(g),
        });
      });
      if (list.length) vm.interfaces = list;
      this.add('virtualization/virtual-machines.yaml', 'virtual_machines', vm);
    }
  }
}

/** Leaves out undefined and null values; keeps '' and false. */
function clean(o: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null) out[k] = v;
  return out;
}

/** A blank choice: '' in NetBox 3.x, null since 4.0. */
function blankToNull(v: unknown): unknown {
  return v === '' ? undefined : v;
}

/** Decimals come as text in a dump ("4.0"); the inventory writes numbers. */
function num(v: unknown): number | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  return typeof v === 'number' ? v : Number(v);
}

function nonEmpty<T>(list: T[]): T[] | undefined {
  const kept = list.filter((v) => v !== undefined && v !== null);
  return kept.length ? kept : undefined;
}

/** Dumps order rows by pk (numbers; some models have text keys or none). */
function byPk(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a ?? '').localeCompare(String(b ?? ''));
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
