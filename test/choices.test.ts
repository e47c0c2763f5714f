import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyFieldChoices } from '../src/validate/ajv.js';

type Scalar = string | number;
interface ChoiceDef {
  title?: string;
  description?: string;
  'x-field-choices-key'?: string;
  type?: string;
  enum?: Scalar[];
  pattern?: string;
  'x-groups'?: Record<string, Scalar[]>;
  'x-labels'?: string[];
}
interface ChoicesDoc {
  $schema: string;
  $id: string;
  title: string;
  $defs: Record<string, ChoiceDef>;
}

const path = new URL('../schema/defs/choices.json', import.meta.url);
const text = readFileSync(path, 'utf8');

const load = (): ChoicesDoc => JSON.parse(text) as ChoicesDoc;
const sorted = (xs: Scalar[]): string[] => xs.map((x) => JSON.stringify(x)).sort();

describe('schema/defs/choices.json', () => {
  it('is valid JSON with the expected header', () => {
    expect(load).not.toThrow();
    const doc = load();
    expect(doc.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(doc.$id).toBe('urn:sot:defs:choices');
    expect(Object.keys(doc.$defs).length).toBeGreaterThan(80);
  });

  const defs = Object.entries(load().$defs);

  it.each(defs)('%s has a title and a non-empty, duplicate-free enum or a pattern', (name, def) => {
    expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(typeof def.title).toBe('string');
    expect(def.title!.length).toBeGreaterThan(0);
    expect(['string', 'integer']).toContain(def.type);
    if (def.enum !== undefined) {
      expect(Array.isArray(def.enum)).toBe(true);
      expect(def.enum.length).toBeGreaterThan(0);
      expect(new Set(def.enum).size).toBe(def.enum.length);
      for (const v of def.enum) {
        if (def.type === 'integer') expect(Number.isInteger(v)).toBe(true);
        else expect(typeof v).toBe('string');
      }
    } else {
      expect(typeof def.pattern).toBe('string');
      expect(() => new RegExp(def.pattern!)).not.toThrow();
    }
  });

  it.each(defs.filter(([, d]) => d['x-groups'] !== undefined))(
    '%s x-groups hold exactly the enum values',
    (_name, def) => {
      const groups = def['x-groups']!;
      expect(def.enum).toBeDefined();
      const flat = Object.values(groups).flat();
      expect(sorted(flat)).toEqual(sorted(def.enum!));
      // spec order is kept: concatenated groups equal the enum
      expect(flat).toEqual(def.enum);
    },
  );

  const d = (name: string): ChoiceDef => {
    const def = load().$defs[name];
    expect(def, name).toBeDefined();
    return def;
  };

  it('spot checks exact value lists', () => {
    expect(d('site-status')).toMatchObject({
      title: 'SiteStatusChoices',
      'x-field-choices-key': 'dcim.Site.status',
      type: 'string',
      enum: ['planned', 'staging', 'active', 'decommissioning', 'retired'],
    });
    expect(d('device-face').enum).toEqual(['front', 'rear']);
    expect(d('device-face')['x-field-choices-key']).toBeUndefined();
    expect(d('ipaddress-role').enum).toEqual([
      'loopback', 'secondary', 'anycast', 'vip', 'vrrp', 'hsrp', 'glbp', 'carp',
    ]);
    expect(d('power-outlet-feed-leg').enum).toEqual(['A', 'B', 'C']);
    expect(d('rack-width')).toMatchObject({ type: 'integer', enum: [10, 19, 21, 23] });
    expect(d('ike-version')).toMatchObject({ title: 'IKEVersionChoices', type: 'integer', enum: [1, 2] });
    expect(d('dh-group').enum).toEqual([
      1, 2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34,
    ]);
    expect(d('console-port-speed').enum).toEqual([1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200]);
    expect(d('circuit-termination-side').enum).toEqual(['A', 'Z']);
    expect(d('vlan-qinq-role').enum).toEqual(['svlan', 'cvlan']);
    expect(d('custom-field-choice-set-base').enum).toEqual(['IATA', 'ISO_3166', 'UN_LOCODE']);
    expect(d('color').enum).toHaveLength(27);
  });

  it('cable-profile has 26 values in three groups', () => {
    const def = d('cable-profile');
    expect(def.enum).toHaveLength(26);
    expect(Object.keys(def['x-groups']!)).toEqual(['Single', 'Trunk', 'Breakout']);
    expect(def.enum).toContain('breakout-2c4p-8c1p-shuffle');
  });

  it('interface-type covers NetBox 4.6 values', () => {
    const def = d('interface-type');
    expect(def.enum).toContain('25gbase-x-sfp28');
    expect(def.enum).toContain('1.6tbase-x-qsfpdd1600');
    expect(def['x-groups']!['Virtual interfaces']).toEqual(['virtual', 'bridge', 'lag']);
    for (const sub of ['interface-type-virtual', 'interface-type-wireless']) {
      for (const v of d(sub).enum!) expect(def.enum).toContain(v);
    }
    expect(d('interface-type-virtual').enum).toEqual(['virtual', 'bridge', 'lag']);
    expect(d('interface-type-wireless').enum).toHaveLength(16);
  });

  it('power types keep their exact spelling and case', () => {
    const outlet = d('power-outlet-type').enum!;
    expect(outlet).toContain('CS6360C');
    expect(outlet).not.toContain('cs6360c');
    const port = d('power-port-type').enum!;
    expect(port).toContain('cs6361c');
    expect(port).not.toContain('CS6361C');
  });

  it('wireless-channel is a pattern', () => {
    const def = d('wireless-channel');
    expect(def.enum).toBeUndefined();
    const re = new RegExp(def.pattern!);
    expect(re.test('5g-36-5180-20')).toBe(true);
    expect(re.test('2.4g-1-2412-22')).toBe(true);
    expect(re.test('60g-27-65880-6480')).toBe(true);
    expect(re.test('3g-1-2412-22')).toBe(false);
    expect(re.test('2x4g-1-2412-22')).toBe(false);
  });

  it.each(defs.filter(([, d]) => d.enum !== undefined))('%s has one non-empty label per value (x-labels)', (_name, def) => {
    const labels = def['x-labels'];
    expect(Array.isArray(labels)).toBe(true);
    expect(labels!.length).toBe(def.enum!.length);
    for (const l of labels!) {
      expect(typeof l).toBe('string');
      expect(l.trim().length).toBeGreaterThan(0);
    }
  });

  it('spot checks labels as NetBox gives them', () => {
    const label = (name: string, value: Scalar): string | undefined => {
      const def = d(name);
      return def['x-labels']![def.enum!.indexOf(value)];
    };
    expect(label('site-status', 'decommissioning')).toBe('Decommissioning');
    expect(label('rack-form-factor', 'wall-frame-vertical')).toBe('Wall-mounted frame (vertical)');
    expect(label('rack-width', 19)).toBe('19 inches');
    expect(label('interface-type', '1000base-t')).toBe('1000BASE-T (1GE)');
    expect(label('interface-type-virtual', 'lag')).toBe('Link Aggregation Group (LAG)');
    expect(label('ipaddress-role', 'vip')).toBe('VIP');
    expect(label('weight-unit', 'kg')).toBe('Kilograms');
  });

  it('FIELD_CHOICES keeps x-labels parallel: known values keep their label, new ones are their own', () => {
    const doc = applyFieldChoices(load(), { 'dcim.Site.status+': ['closed'], 'dcim.Rack.status': ['active', 'gone'] });
    expect(doc.$defs['site-status']['x-labels']).toEqual(['Planned', 'Staging', 'Active', 'Decommissioning', 'Retired', 'closed']);
    expect(doc.$defs['rack-status'].enum).toEqual(['active', 'gone']);
    expect(doc.$defs['rack-status']['x-labels']).toEqual(['Active', 'gone']);
  });
});
