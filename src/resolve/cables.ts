import type { DocPath } from '../diagnostics/diagnostic.js';
import { namedPath, type Obj } from '../model/model.js';
import type { Resolver } from './resolve.js';

/** Mapping keys of a cable end that name a device component, and the kind each names. */
export const COMPONENT_ENDS: Record<string, string> = {
  interface: 'dcim.interface',
  console_port: 'dcim.consoleport',
  console_server_port: 'dcim.consoleserverport',
  power_port: 'dcim.powerport',
  power_outlet: 'dcim.poweroutlet',
  front_port: 'dcim.frontport',
  rear_port: 'dcim.rearport',
};

const DEVICE = { kind: 'dcim.device' };

/**
 * Resolves each cable's A and B terminations into `refs.a_terminations` / `refs.b_terminations`.
 * An end is `device:interface`, or a mapping naming a device component, a circuit termination
 * (`circuit` + `term_side`) or a power feed (`power_panel` + `power_feed`).
 */
export function resolveCables(r: Resolver): void {
  for (const cable of r.byKind.get('dcim.cable') ?? []) {
    for (const side of ['a', 'b'] as const) {
      const single = cable.data[side];
      const list = cable.data[`${side}_terminations`];
      const report = (message: string, at: DocPath, data: Record<string, unknown>) =>
        r.out.push({
          rule: 'resolve/invalid-reference',
          severity: 'error',
          message,
          location: { file: cable.file, path: at },
          modelPath: namedPath(cable),
          help: `write one end as "${side}: device:interface" or several as "${side}_terminations: [...]"`,
          data,
        });
      if (single !== undefined && list !== undefined) {
        report(`a cable's ${side.toUpperCase()} side is written twice: use "${side}" or "${side}_terminations", not both`, [...cable.path, side], { side });
        continue;
      }
      if (single === undefined && list === undefined) {
        // A misspelt side (`az:`) is reported by validation already.
        const errors = r.known.fieldsWithErrors(cable.file, cable.path);
        if (errors?.has(side) || errors?.has(`${side}_terminations`)) continue;
        report(`the cable has no ${side.toUpperCase()} side: add "${side}" or "${side}_terminations"`, cable.path, { side });
        continue;
      }
      const entries: [unknown, DocPath][] = single !== undefined ? [[single, [...cable.path, side]]] : Array.isArray(list) ? list.map((e, i) => [e, [...cable.path, `${side}_terminations`, i]]) : [];
      // Sized to the ends (an empty array grows to 17 slots on its first push), as in resolveField.
      const found = new Array<Obj>(entries.length);
      let n = 0;
      for (const [end, at] of entries) {
        const hit = resolveEnd(r, cable, end, at, report);
        if (hit) found[n++] = hit;
      }
      found.length = n;
      cable.refs[`${side}_terminations`] = found;
    }
  }
}

function resolveEnd(
  r: Resolver,
  cable: Obj,
  end: unknown,
  at: DocPath,
  report: (message: string, at: DocPath, data: Record<string, unknown>) => void,
): Obj | undefined {
  if (typeof end === 'string') return r.lookup(end, { kind: 'dcim.interface' }, cable, at, 'interface');
  if (end === null || typeof end !== 'object') return undefined; // validation reports it
  const e = end as Record<string, unknown>;
  const components = Object.keys(COMPONENT_ENDS).filter((k) => e[k] !== undefined);
  if (components.length === 1 && e.device !== undefined && Object.keys(e).length === 2) {
    const field = components[0];
    // The device first, at its own place; then the component among that device's.
    const device = r.lookup(e.device, DEVICE, cable, [...at, 'device'], 'device');
    if (!device) return undefined;
    const end: Obj = { ...cable, data: { device: e.device }, refs: { device } };
    return r.lookup(e[field], { kind: COMPONENT_ENDS[field], scope: { device: 'device' } }, end, [...at, field], field);
  }
  if (e.circuit !== undefined && e.term_side !== undefined && Object.keys(e).length === 2 && r.schemas.kinds.has('circuits.circuittermination')) {
    return r.lookup({ circuit: e.circuit, term_side: e.term_side }, { kind: 'circuits.circuittermination' }, cable, at, 'circuit');
  }
  if (e.power_panel !== undefined && e.power_feed !== undefined && Object.keys(e).length === 2) {
    return r.lookup({ power_panel: e.power_panel, name: e.power_feed }, { kind: 'dcim.powerfeed' }, cable, at, 'power_feed');
  }
  report(
    'a cable end names a device and one of its components (interface, console_port, console_server_port, power_port, power_outlet, front_port, rear_port), a circuit and term_side, or a power_panel and power_feed',
    at,
    { keys: Object.keys(e) },
  );
  return undefined;
}
