import { objectsOf } from '../../model/model.js';
import { checkAgainstProfiles } from '../profile-schemas.js';
import type { Rule } from '../rule.js';

export const moduleTypeProfile: Rule = {
  id: 'dcim/module-type-profile',
  description: "A module type's attribute_data does not conform to its profile's JSON Schema, or the schema is not one.",
  severity: 'error',
  help: "change the module type's attribute_data to meet its profile's schema, or fix the schema",
  run: (model) => checkAgainstProfiles(objectsOf(model, 'dcim.moduletype'), 'profile', 'attribute_data'),
};
