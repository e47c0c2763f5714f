import { RULES } from '../checks/index.js';

/**
 * Every rule id sot can report, with a one-line description. Phase rules (yaml/, schema/, settings/,
 * resolve/) and rendering rules (template/) are listed here; semantic rules come from the checks registry. Each id has a page at
 * docs/rules/<id>.md, which a conventions test enforces.
 */
export const PHASE_RULES: Record<string, string> = {
  'yaml/syntax': 'The file is not valid YAML.',
  'yaml/duplicate-key': 'A mapping names the same key twice.',
  'yaml/custom-tag': 'A value carries an explicit YAML tag (!foo, !!str, !!binary…); inventories are plain data.',
  'yaml/alias-expansion': 'Aliases expand the file far beyond what is written (a "billion laughs").',
  'yaml/forbidden-key': 'A key is __proto__, constructor or prototype.',
  'yaml/invalid-utf8': 'The file holds bytes that are not UTF-8.',
  'yaml/complex-key': 'A list or a mapping is used as a mapping key; keys are text.',
  'yaml/alias-cycle': 'An alias sits inside the node it names, so the data would contain itself.',
  'yaml/too-deep': 'Collections nest more than 100 levels deep.',
  'yaml/not-json-number': 'Free-form data holds a number JSON cannot hold as written (.nan, .inf, an integer past 2^53).',
  'sources/unreadable': 'A file or folder of the inventory cannot be read: permissions, a path longer than the system allows, a name that is not UTF-8.',
  'sources/not-a-file': 'A YAML name is a FIFO, socket or device, which sot never opens.',
  'sources/symlink': 'A symbolic link leaves the repository, dangles, loops or points to a folder.',
  'settings/missing': 'No sot.yaml in the folder given nor in any folder above it: no inventory.',
  'settings/invalid': 'sot.yaml is not a mapping, names a choice set FIELD_CHOICES cannot change, or holds custom validators that name an unknown kind, field or condition (field errors in it use the schema/ rules).',
  'schema/unknown-collection': 'A data file names a collection sot does not know.',
  'schema/unknown-field': 'An object has a field its kind does not define.',
  'schema/missing-field': 'An object lacks a required field.',
  'schema/wrong-type': 'A field holds the wrong type of value.',
  'schema/invalid-choice': 'A field holds a value outside NetBox\'s choices.',
  'schema/deprecated': 'An object of a kind NetBox has deprecated (inventory items since 4.3).',
  'schema/invalid-value': 'A field\'s value breaks a limit: length, range, pattern, multiple.',
  'resolve/duplicate-key': 'Two objects share a natural key (a name or slug that must be unique).',
  'resolve/dangling-reference': 'A reference names no object.',
  'resolve/ambiguous-reference': 'A reference names more than one object.',
  'resolve/wrong-scope': 'A reference names an object of another site (or device, manufacturer…).',
  'resolve/invalid-reference': 'A reference written as a mapping has the wrong fields.',
  'resolve/cycle': 'A hierarchy (regions, locations…) loops back on itself.',
  'resolve/module-placeholder': 'A module type\'s {module} placeholders do not fit the bay it is installed in.',
  'resolve/component-missing-field': 'A component the device type lacks is added without its required fields.',
  'template/syntax': 'A config or export template is not valid Handlebars, or calls a helper sot does not have.',
  'template/missing-variable': 'A config or export template reads a variable the device (or exported object) does not have.',
  'template/invalid-argument': 'A template helper is given a value it cannot use (an address without its length…).',
  'template/too-large': 'A config or export template writes more than one render may (16 MB for a config, 256 MB for an export).',
  'template/too-slow': 'A config or export template takes longer than one render may (10 s for a config, 60 s for an export).',
  'template/missing-file': 'A config or export template names a file that does not exist.',
  'suppress/missing-reason': 'A sot-ignore comment gives no reason after its rule ids.',
  'suppress/invalid-rule': 'A sot-ignore comment names no rule, a rule sot does not have, or one that cannot be silenced.',
  'report/too-many-problems': 'A file has more than 1,000 problems of one rule; the rest are counted, not listed.',
  'suppress/unused': 'A sot-ignore comment names a rule that reports nothing on its line.',
};

export function allRules(): Record<string, string> {
  const out: Record<string, string> = { ...PHASE_RULES };
  for (const r of RULES) out[r.id] = r.description;
  return out;
}
