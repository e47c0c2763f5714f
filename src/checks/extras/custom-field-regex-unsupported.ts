import { objectsOf } from '../../model/model.js';
import { pythonPattern } from '../../model/python-regex.js';
import type { Finding, Rule } from '../rule.js';

export const customFieldRegexUnsupported: Rule = {
  id: 'extras/custom-field-regex-unsupported',
  description: "A custom field's validation_regex uses a construct sot cannot run in linear time, so its values are not checked against it.",
  severity: 'warning',
  help: 'write the pattern without that construct (see "Regular expressions" in docs/rules/extras/custom-field-value.md), or accept that sot leaves this check to NetBox',
  run(model) {
    const findings: Finding[] = [];
    for (const def of objectsOf(model, 'extras.customfield')) {
      const pattern = def.data.validation_regex;
      if (typeof pattern !== 'string' || pattern === '') continue;
      const re = pythonPattern(pattern);
      if (re.kind !== 'unsupported') continue;
      findings.push({
        obj: def,
        field: 'validation_regex',
        message: `custom field "${def.data.name}": sot cannot run ${JSON.stringify(pattern)}, which uses ${re.construct}; its values are not checked against it`,
        data: { name: def.data.name, construct: re.construct },
      });
    }
    return findings;
  },
};
