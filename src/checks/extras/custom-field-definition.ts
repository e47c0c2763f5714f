import { objectsOf, type Obj } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';
import { pythonPattern } from '../../model/python-regex.js';
import { valueProblem } from './custom-field-value.js';

/** What NetBox's CustomField.clean() and CustomFieldChoiceSet.clean() refuse beyond the schema's reach. */
function definitionProblems(model: Parameters<Rule['run']>[0], def: Obj): Finding[] {
  const d = def.data;
  const out: Finding[] = [];
  const add = (field: string, message: string, data: Record<string, unknown>) => out.push({ obj: def, field, message, data });
  const re = typeof d.validation_regex === 'string' && d.validation_regex !== '' ? pythonPattern(d.validation_regex) : undefined;
  if (re?.kind === 'invalid') {
    add('validation_regex', `custom field "${d.name}": ${JSON.stringify(d.validation_regex)} is not a valid regular expression: ${re.reason}`, { name: d.name, reason: re.reason });
  }
  if (d.unique === true && d.type === 'boolean') {
    add('unique', `custom field "${d.name}": uniqueness cannot be enforced for boolean fields`, { name: d.name });
  }
  if (d.default !== undefined && d.default !== null && d.default !== '') {
    // NetBox stringifies a text field's default before validating it.
    const value = ['text', 'longtext', 'url'].includes(d.type ?? 'text') && typeof d.default !== 'string' ? String(d.default) : d.default;
    const problem = valueProblem(model, def, value);
    if (problem) add('default', `custom field "${d.name}": invalid default value: ${problem}`, { name: d.name, default: d.default });
  }
  return out;
}

function choiceSetProblems(set: Obj): Finding[] {
  const d = set.data;
  const out: Finding[] = [];
  const extra: unknown[] = Array.isArray(d.extra_choices) ? d.extra_choices : [];
  if (!d.base_choices && extra.length === 0) {
    out.push({ obj: set, message: `choice set "${d.name}" defines no choices: give it base_choices or extra_choices`, data: { name: d.name } });
  }
  const seen = new Set<string>();
  extra.forEach((pair, i) => {
    const value = Array.isArray(pair) ? String(pair[0]) : String(pair);
    if (seen.has(value)) out.push({ obj: set, field: 'extra_choices', subPath: [i], message: `choice set "${d.name}": duplicate value "${value}" in extra choices`, data: { name: d.name, value } });
    seen.add(value);
  });
  for (const key of Object.keys(d.choice_colors ?? {})) {
    if (!d.base_choices && !seen.has(key)) {
      out.push({ obj: set, field: 'choice_colors', subPath: [key], target: 'key', message: `choice set "${d.name}": "${key}" in choice_colors is not one of its choices`, data: { name: d.name, value: key } });
    }
  }
  return out;
}

export const customFieldDefinition: Rule = {
  id: 'extras/custom-field-definition',
  description: 'A custom field or choice set definition that NetBox would refuse.',
  severity: 'error',
  help: 'fix the definition: a regular expression that compiles, a default of the field\'s type, choices for every choice set',
  run(model) {
    return [
      ...objectsOf(model, 'extras.customfield').flatMap((def) => definitionProblems(model, def)),
      ...objectsOf(model, 'extras.customfieldchoiceset').flatMap(choiceSetProblems),
    ];
  },
};
