import { describe, objectsOf, ref, type Model, type Obj } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

/** The device or module type list entry a component was made from, as the type writes it. */
function templateData(obj: Obj): Record<string, any> | undefined {
  if (!obj.template) return undefined;
  const module = ref(obj, 'module');
  const types = [obj.owner && ref(obj.owner, 'device_type'), module && ref(module, 'module_type')];
  const p = obj.template.path;
  for (const type of types) {
    if (!type || type.file !== obj.template.file || p.length !== type.path.length + 2) continue;
    const list = type.data[p[p.length - 2] as string];
    const t = Array.isArray(list) ? list[p[p.length - 1] as number] : undefined;
    if (t && typeof t === 'object') return t;
  }
  return undefined;
}

/**
 * Whether a component's given fields are as its type's template has them: then a problem with them is
 * reported once at the type, not on each device. Components only a type defines carry its data.
 */
export function asTemplate(obj: Obj, fields: string[]): boolean {
  if (obj.origin === 'template') return true;
  const t = templateData(obj);
  return t !== undefined && fields.every((f) => t[f] === obj.data[f]);
}

/** One front port of a device or type mapped to a rear port position (NetBox's default position is 1). */
export interface Mapping {
  position: number;
  /** A device's front port, or the device or module type holding the template. */
  obj: Obj;
  /** For a template: its index in the type's front-ports list. */
  index?: number;
  name: string;
  /** Where a problem with the mapping is reported on the front port (its position, else its rear port). */
  field: string;
  rear: { name: string; positions: number; obj: Obj; index?: number };
  /** Both ports as the type's templates have them (reported at the type). */
  fromType: boolean;
}

/** Device and module type templates' mappings, each type's in list order; then devices' front ports. */
export function mappings(model: Model): { byType: Mapping[][]; devices: Mapping[] } {
  const byType: Mapping[][] = [];
  for (const kind of ['dcim.devicetype', 'dcim.moduletype']) {
    for (const type of objectsOf(model, kind)) {
      const fronts = type.data['front-ports'];
      const rears = type.data['rear-ports'];
      if (!Array.isArray(fronts) || !Array.isArray(rears)) continue;
      const rearByName = new Map<string, { t: any; i: number }>();
      rears.forEach((t: any, i: number) => {
        if (t && typeof t === 'object' && typeof t.name === 'string' && !rearByName.has(t.name)) rearByName.set(t.name, { t, i });
      });
      const list: Mapping[] = [];
      fronts.forEach((t: any, i: number) => {
        if (!t || typeof t !== 'object' || typeof t.rear_port !== 'string') return;
        const rear = rearByName.get(t.rear_port);
        if (!rear) return; // a rear port the type does not have: reported where it is resolved
        list.push({
          position: typeof t.rear_port_position === 'number' ? t.rear_port_position : 1,
          obj: type,
          index: i,
          name: String(t.name),
          field: t.rear_port_position !== undefined ? 'rear_port_position' : 'rear_port',
          rear: { name: t.rear_port, positions: typeof rear.t.positions === 'number' ? rear.t.positions : 1, obj: type, index: rear.i },
          fromType: false,
        });
      });
      if (list.length) byType.push(list);
    }
  }
  const devices: Mapping[] = [];
  for (const fp of objectsOf(model, 'dcim.frontport')) {
    const rear = ref(fp, 'rear_port');
    if (!rear) continue;
    const position = fp.data.rear_port_position;
    const positions = rear.data.positions;
    devices.push({
      position: typeof position === 'number' ? position : 1,
      obj: fp,
      name: String(fp.data.name),
      field: position !== undefined ? 'rear_port_position' : 'rear_port',
      rear: { name: String(rear.data.name), positions: typeof positions === 'number' ? positions : 1, obj: rear },
      fromType: asTemplate(fp, ['rear_port', 'rear_port_position']) && asTemplate(rear, ['positions']),
    });
  }
  return { byType, devices };
}

/** `front port template "1" of device type "PP" in manufacturer "Acme"`, or a device's front port. */
export function frontPortLabel(m: Mapping): string {
  return m.index !== undefined ? `front port template "${m.name}" of ${describe(m.obj)}` : describe(m.obj);
}

/** Where a mapping is reported: the front port's field, or for a template, its entry in the type. */
export function at(m: Mapping, field = m.field): Pick<Finding, 'obj' | 'field' | 'subPath'> {
  return m.index !== undefined ? { obj: m.obj, field: 'front-ports', subPath: [m.index, field] } : { obj: m.obj, field };
}

export const frontPortRearPosition: Rule = {
  id: 'dcim/front-port-rear-position',
  description: "A front port is mapped to a position its rear port does not have.",
  severity: 'error',
  help: "map the front port to a position from 1 to the rear port's positions, or give the rear port more positions",
  run(model) {
    const findings: Finding[] = [];
    const { byType, devices } = mappings(model);
    for (const m of [...byType.flat(), ...devices]) {
      if (m.position <= m.rear.positions || m.fromType) continue;
      const message = `${frontPortLabel(m)} is mapped to position ${m.position} of rear port "${m.rear.name}", which has ${m.rear.positions === 1 ? 'only 1 position' : `only ${m.rear.positions} positions`}`;
      const data = { position: m.position, rearPort: m.rear.name, positions: m.rear.positions };
      // A device that keeps its type's front port but gives the rear port fewer positions: at the rear port.
      if (m.index === undefined && asTemplate(m.obj, ['rear_port', 'rear_port_position'])) findings.push({ obj: m.rear.obj, field: 'positions', message, data });
      else findings.push({ ...at(m), message, data });
    }
    return findings;
  },
};
