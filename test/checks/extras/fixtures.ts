// Shared inventory for the custom field rules: one field of each kind of validation.
export const DEFS = `custom_field_choice_sets:
  - name: Tiers
    extra_choices: [[tier-1, Tier I], [tier-2, Tier II]]
custom_fields:
  - {name: contract, type: text, object_types: [dcim.site], validation_regex: '^SVC-[0-9]{4}$'}
  - {name: budget, type: integer, object_types: [dcim.site], validation_minimum: 10, validation_maximum: 20}
  - {name: tier, type: select, choice_set: Tiers, object_types: [dcim.site]}
  - {name: owner, type: object, related_object_type: tenancy.tenant, object_types: [dcim.site]}
  - {name: since, type: date, object_types: [dcim.site]}
  - {name: ticket, type: text, object_types: [dcim.site], required: true, default: NONE}
  - {name: asset, type: text, object_types: [dcim.site], unique: true}
  - {name: code, type: text, object_types: [dcim.region], required: true}
tenants:
  - {name: Acme, slug: acme}
`;

export function site(name: string, cf: string): string {
  return `  - name: ${name}\n    slug: ${name.toLowerCase()}\n    custom_fields: ${cf}\n`;
}
