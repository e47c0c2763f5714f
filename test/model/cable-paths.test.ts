import { describe, expect, it } from 'vitest';
import { endName } from '../../src/model/cable-ends.js';
import { allPaths, farEnd, pathFrom, type CablePath } from '../../src/model/cable-paths.js';
import { displayName, type Model, type Obj } from '../../src/model/model.js';
import { compileFiles } from '../helpers/compile.js';
import { pathFiles } from '../helpers/paths.js';

const compile = (cables: string, extra?: Record<string, string>) => {
  const r = compileFiles(pathFiles(cables, extra));
  return { model: r.model, errors: r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.rule} ${d.message}`) };
};
const term = (t: Obj) => (t.owner || t.kind.kind === 'circuits.circuittermination' ? endName(t) : displayName(t));
const find = (model: Model, kind: string, name: string) => model.byKind.get(kind)!.find((t) => endName(t) === name)!;
const iface = (model: Model, name: string) => find(model, 'dcim.interface', name);

/** A path as lines: `[crossing] near > links > far`, then how it stops. */
function hops(path: CablePath): string[] {
  const out = path.hops.map((h) => {
    const via = !h.via ? '' : h.via.type === 'circuit' ? '[circuit] ' : `[${h.via.mappings.map((m) => `${term(m.from)}#${m.fromPosition}>${term(m.to)}#${m.toPosition}`).join(' ')}] `;
    return `${via}${h.near.map(term).join(',')} > ${h.links.map((l) => l.data.label).join(',')} > ${h.far.map(term).join(',')}`;
  });
  if (path.attachment) out.push(`${path.attachment.terminations.map(term).join(',')} @ ${path.attachment.to.map(term).join(',')}`);
  out.push(`${path.stop}${path.complete ? ' complete' : ''}${path.active ? '' : ' inactive'}${path.split ? ' split' : ''}`);
  return out;
}

describe('model/cable-paths', () => {
  it('walks front to rear and rear to front through a multi-position trunk, keeping the position', () => {
    const { model, errors } = compile(
      '  - {a: "leaf1:et1", b: {device: tp1, front_port: "3"}, label: A}\n' +
        '  - {a: {device: tp1, rear_port: R}, b: {device: tp2, rear_port: R}, label: T}\n' +
        '  - {a: {device: tp2, front_port: "3"}, b: "leaf2:et1", label: B}\n' +
        '  - {a: {device: tp2, front_port: "1"}, b: "leaf2:et2", label: C}\n',
    );
    expect(errors).toEqual([]);
    expect(hops(pathFrom(model, iface(model, 'leaf1:et1')))).toEqual([
      'leaf1:et1 > A > tp1:3',
      '[tp1:3#1>tp1:R#3] tp1:R > T > tp2:R',
      '[tp2:R#3>tp2:3#1] tp2:3 > B > leaf2:et1',
      'endpoint complete',
    ]);
    expect(hops(pathFrom(model, iface(model, 'leaf2:et2')))).toEqual([
      'leaf2:et2 > C > tp2:1',
      '[tp2:1#1>tp2:R#1] tp2:R > T > tp1:R',
      '[tp1:R#1>tp1:1#1] tp1:1 >  > ',
      'no-cable',
    ]);
    expect(farEnd(model, iface(model, 'leaf1:et1')).map(term)).toEqual(['leaf2:et1']);
    expect(farEnd(model, iface(model, 'leaf2:et2'))).toEqual([]);
    expect(pathFrom(model, iface(model, 'leaf1:et1'))).toBe(pathFrom(model, iface(model, 'leaf1:et1')));
  });

  it('crosses a circuit from A to Z, and marks a path over a planned cable inactive', () => {
    const { model, errors } = compile(
      '  - {a: "leaf1:et1", b: {device: pp1, front_port: "1"}, label: A}\n' +
        '  - {a: {device: pp1, rear_port: "1"}, b: {circuit: C-1, term_side: A}, label: X, status: planned}\n' +
        '  - {a: {circuit: C-1, term_side: Z}, b: {device: pp2, rear_port: "2"}, label: Y}\n' +
        '  - {a: {device: pp2, front_port: "2"}, b: "leaf2:et1", label: B}\n',
    );
    expect(errors).toEqual([]);
    expect(hops(pathFrom(model, iface(model, 'leaf1:et1')))).toEqual([
      'leaf1:et1 > A > pp1:1',
      '[pp1:1#1>pp1:1#1] pp1:1 > X > C-1:A',
      '[circuit] C-1:Z > Y > pp2:2',
      '[pp2:2#1>pp2:2#1] pp2:2 > B > leaf2:et1',
      'endpoint complete inactive',
    ]);
    expect(hops(pathFrom(model, iface(model, 'leaf2:et1')))).toEqual([
      'leaf2:et1 > B > pp2:2',
      '[pp2:2#1>pp2:2#1] pp2:2 > Y > C-1:Z',
      '[circuit] C-1:A > X > pp1:1',
      '[pp1:1#1>pp1:1#1] pp1:1 > A > leaf1:et1',
      'endpoint complete inactive',
    ]);
  });

  it('ends complete at a provider network, and incomplete at a circuit side without a cable or without a far side', () => {
    const { model, errors } = compile(
      '  - {a: "leaf1:et1", b: {circuit: C-2, term_side: A}, label: N}\n' +
        '  - {a: "leaf1:et2", b: {circuit: C-1, term_side: A}, label: S}\n' +
        '  - {a: "leaf2:et1", b: {circuit: C-3, term_side: A}, label: O}\n',
    );
    expect(errors).toEqual([]);
    expect(hops(pathFrom(model, iface(model, 'leaf1:et1')))).toEqual(['leaf1:et1 > N > C-2:A', 'C-2:Z @ Backbone', 'provider-network complete']);
    expect(farEnd(model, iface(model, 'leaf1:et1')).map(displayName)).toEqual(['Backbone']);
    expect(hops(pathFrom(model, iface(model, 'leaf1:et2')))).toEqual(['leaf1:et2 > S > C-1:A', 'C-1:Z @ AMS2', 'attached']);
    expect(hops(pathFrom(model, iface(model, 'leaf2:et1')))).toEqual(['leaf2:et1 > O > C-3:A', 'no-far-side']);
  });

  it('reports an unconnected origin, a path that stops at a port without a cable, and traces from a port or circuit termination', () => {
    const { model, errors } = compile('  - {a: "leaf1:et1", b: {device: pp1, front_port: "1"}, label: A}\n');
    expect(errors).toEqual([]);
    expect(hops(pathFrom(model, iface(model, 'leaf1:et2')))).toEqual(['not-connected']);
    expect(hops(pathFrom(model, iface(model, 'leaf1:et1')))).toEqual(['leaf1:et1 > A > pp1:1', '[pp1:1#1>pp1:1#1] pp1:1 >  > ', 'no-cable']);
    expect(hops(pathFrom(model, find(model, 'dcim.frontport', 'pp1:1')))).toEqual(['pp1:1 > A > leaf1:et1', 'endpoint complete']);
    expect(allPaths(model).map((p) => p.origin.map(term).join(','))).toEqual(['leaf1:et1']);
  });

  it('splits at a multi-position rear port reached with no position, as NetBox does', () => {
    const { model, errors } = compile('  - {a: "leaf1:et1", b: {device: tp1, rear_port: R}, label: A}\n  - {a: {device: tp1, front_port: "1"}, b: "leaf2:et1", label: B}\n');
    expect(errors).toEqual([]);
    const path = pathFrom(model, iface(model, 'leaf1:et1'));
    expect(hops(path)).toEqual(['leaf1:et1 > A > tp1:R', 'split split']);
    expect([path.splitAt!.reason, term(path.splitAt!.termination!), path.splitAt!.cable!.data.label]).toEqual(['no-position', 'tp1:R', 'A']);
    // From the other end the position is known: front 1 is rear position 1, which leads nowhere further.
    expect(hops(pathFrom(model, iface(model, 'leaf2:et1')))).toEqual(['leaf2:et1 > B > tp1:1', '[tp1:1#1>tp1:R#1] tp1:R > A > leaf1:et1', 'endpoint complete']);
  });

  it('splits when some ports continue on a cable and others have none, and still reaches the far end', () => {
    const { model, errors } = compile(
      '  - {a: "leaf1:et1", b_terminations: [{device: pp1, front_port: "1"}, {device: pp1, front_port: "2"}], label: A}\n' +
        '  - {a: {device: pp1, rear_port: "1"}, b: "leaf2:et1", label: B}\n',
    );
    expect(errors).toEqual([]);
    const path = pathFrom(model, iface(model, 'leaf1:et1'));
    expect(hops(path)).toEqual(['leaf1:et1 > A > pp1:1,pp1:2', '[pp1:1#1>pp1:1#1 pp1:2#1>pp1:2#1] pp1:1,pp1:2 > B > leaf2:et1', 'endpoint complete split']);
    expect([path.splitAt!.reason, path.splitAt!.terminations.map(term), path.splitAt!.cable!.data.label]).toEqual(['asymmetric', ['pp1:1', 'pp1:2'], 'B']);
  });

  it('splits when ports on different cables carry a different number of positions', () => {
    const { model, errors } = compile(
      '  - {a: "leaf1:et1", b: {device: tp1, front_port: "1"}, label: A}\n' +
        '  - {a: {device: tp1, rear_port: R}, b_terminations: [{device: pp1, rear_port: "1"}, {device: pp1, rear_port: "2"}], label: T}\n' +
        '  - {a: {device: pp1, front_port: "1"}, b: "leaf2:et1", label: B}\n' +
        '  - {a: {device: pp1, front_port: "2"}, b: "leaf2:et2", label: C}\n',
    );
    expect(errors).toEqual([]);
    const path = pathFrom(model, iface(model, 'leaf1:et1'));
    expect(hops(path)).toEqual(['leaf1:et1 > A > tp1:1', '[tp1:1#1>tp1:R#1] tp1:R > T > pp1:1,pp1:2', 'split split']);
    expect([path.splitAt!.reason, path.splitAt!.terminations.map(term), path.splitAt!.cable!.data.label]).toEqual(['positions', ['pp1:1', 'pp1:2'], 'B']);
  });

  it('goes on over several cables when no position is on the stack', () => {
    const { model, errors } = compile(
      '  - {a: "leaf1:et1", b: {device: tp1, front_port: "1"}, label: A}\n' +
        '  - {a: {device: tp1, rear_port: R}, b: {device: tp2, rear_port: R}, label: T}\n' +
        '  - {a: {device: tp2, front_port: "1"}, b: "leaf2:et1", label: B}\n' +
        // From leaf2:et2 both fronts of tp2 are reached with one position each: one cable each.
        '  - {a: "leaf2:et2", b_terminations: [{device: pp2, front_port: "1"}, {device: pp2, front_port: "2"}], label: C}\n' +
        '  - {a: {device: pp2, rear_port: "1"}, b: "leaf1:et2", label: D}\n' +
        '  - {a: {device: pp2, rear_port: "2"}, b: "leaf1:mgmt", label: E}\n',
    );
    expect(errors).toEqual([]);
    // Single-position rear ports push no position: two cables, no stack: the trace goes on over both.
    expect(hops(pathFrom(model, iface(model, 'leaf2:et2')))).toEqual([
      'leaf2:et2 > C > pp2:1,pp2:2',
      '[pp2:1#1>pp2:1#1 pp2:2#1>pp2:2#1] pp2:1,pp2:2 > D,E > leaf1:et2,leaf1:mgmt',
      'endpoint complete',
    ]);
  });

  it('marks a circuit whose other side is on the cable just crossed as a loop', () => {
    const { model, errors } = compile('  - {a: "leaf1:et1", b: {device: pp1, front_port: "1"}, label: A}\n  - {a: {device: pp1, rear_port: "1"}, b_terminations: [{circuit: C-1, term_side: A}, {circuit: C-1, term_side: Z}], label: L}\n');
    expect(errors).toEqual([]);
    const path = pathFrom(model, iface(model, 'leaf1:et1'));
    expect(hops(path)).toEqual(['leaf1:et1 > A > pp1:1', '[pp1:1#1>pp1:1#1] pp1:1 > L > C-1:A,C-1:Z', 'loop split']);
    expect([path.loopAt!.reason, path.loopAt!.terminations.map(term), path.loopAt!.cable!.data.label]).toEqual(['circuit', ['C-1:A', 'C-1:Z'], 'L']);
  });

  it('stops at pass-through ports of several devices on one end, which NetBox refuses', () => {
    const { model, errors } = compile('  - {a: "leaf1:et1", b_terminations: [{device: pp1, front_port: "1"}, {device: pp2, front_port: "1"}], label: A}\n');
    expect(errors.map((e) => e.split(' ')[0])).toEqual(['dcim/cable-path-unsupported']);
    const path = pathFrom(model, iface(model, 'leaf1:et1'));
    expect(hops(path)).toEqual(['leaf1:et1 > A > pp1:1,pp2:1', 'unsupported']);
    expect([path.unsupportedAt!.terminations.map(term), term(path.unsupportedAt!.termination!), path.unsupportedAt!.cable!.data.label]).toEqual([['pp1:1', 'pp2:1'], 'pp2:1', 'A']);
  });

  it('traces the endpoints on one cable end together, and follows wireless links', () => {
    const { model, errors } = compile('  - {a_terminations: ["leaf1:et1", "leaf1:et2"], b: {device: pp1, front_port: "1"}, label: A}\n  - {a: {device: pp1, rear_port: "1"}, b: "leaf2:et1", label: B}\n');
    expect(errors).toEqual([]);
    const path = pathFrom(model, iface(model, 'leaf1:et2'));
    expect(path.origin.map(term)).toEqual(['leaf1:et1', 'leaf1:et2']);
    expect(path).toBe(pathFrom(model, iface(model, 'leaf1:et1')));
    expect(hops(path)).toEqual(['leaf1:et1,leaf1:et2 > A > pp1:1', '[pp1:1#1>pp1:1#1] pp1:1 > B > leaf2:et1', 'endpoint complete']);
    expect(allPaths(model).map((p) => p.origin.map(term).join(','))).toEqual(['leaf1:et1,leaf1:et2', 'leaf2:et1']);
    const radio = compile('', {
      'w.yaml':
        'interfaces:\n  - {device: leaf1, name: wlan0, type: ieee802.11ac}\n  - {device: leaf2, name: wlan0, type: ieee802.11ac}\n' +
        'wireless_links:\n  - {interface_a: "leaf1:wlan0", interface_b: "leaf2:wlan0", ssid: bridge, status: planned}\n',
    });
    expect(radio.errors).toEqual([]);
    const p = pathFrom(radio.model, iface(radio.model, 'leaf2:wlan0'));
    expect([p.hops.map((h) => [h.near.map(term), h.links.map((l) => l.kind.kind), h.far.map(term)]), p.stop, p.active]).toEqual([
      [[['leaf2:wlan0'], ['wireless.wirelesslink'], ['leaf1:wlan0']]],
      'endpoint',
      false,
    ]);
  });
});
