import { describe, displayName, objectsOf, refs } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const tagObjectType: Rule = {
  id: 'extras/tag-object-type',
  description: 'A tag is applied to an object of a kind its object_types does not list.',
  severity: 'error',
  help: "add the object's kind to the tag's object_types, or use another tag",
  run(model) {
    const findings: Finding[] = [];
    // Most inventories limit no tag: then there is nothing to look at.
    if (!objectsOf(model, 'extras.tag').some((t) => Array.isArray(t.data.object_types) && t.data.object_types.length)) return findings;
    for (const obj of model.objects) {
      if (obj.data.tags === undefined) continue;
      refs(obj, 'tags').forEach((tag) => {
        const allowed = tag.data.object_types;
        if (!Array.isArray(allowed) || allowed.length === 0 || allowed.includes(obj.kind.kind)) return;
        const i = (obj.data.tags as unknown[]).findIndex((t) => t === tag.data.slug || t === tag.data.name);
        findings.push({
          obj,
          field: 'tags',
          subPath: i >= 0 ? [i] : undefined,
          message: `tag "${displayName(tag)}" cannot be applied to ${describe(obj)}: it is limited to ${allowed.join(', ')}`,
          data: { tag: tag.data.slug, kind: obj.kind.kind, allowed },
          related: [{ obj: tag, field: 'object_types', message: `tag "${displayName(tag)}"` }],
        });
      });
    }
    return findings;
  },
};
