import { objectsOf } from '../../model/model.js';
import { checkAgainstProfiles } from '../profile-schemas.js';
import type { Rule } from '../rule.js';

export const configContextProfile: Rule = {
  id: 'extras/config-context-profile',
  description: "A config context's data does not conform to its profile's JSON Schema, or the schema is not one.",
  severity: 'error',
  help: "change the context's data to meet the profile's schema, or fix the schema",
  run: (model) => checkAgainstProfiles(objectsOf(model, 'extras.configcontext'), 'profile', 'data'),
};
