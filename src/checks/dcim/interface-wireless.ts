import { interfaceFindings, WIRELESS_INTERFACE_TYPES, type InterfaceProblem } from '../../model/interface-types.js';
import type { Rule } from '../rule.js';

/** The radio fields only wireless interfaces may have, in the order NetBox checks them. */
const RF_FIELDS = ['rf_role', 'rf_channel', 'rf_channel_frequency', 'rf_channel_width'];

/** NetBox skips an empty value and, for the decimal frequency and width, a zero. */
const given = (v: unknown): boolean => v !== undefined && v !== null && v !== '' && v !== 0;

/** A channel value `<band>-<number>-<center MHz>-<width MHz>` (5g-36-5180-20): its frequency and width. */
function channelOf(value: string): { frequency: number; width: number } | undefined {
  const parts = value.split('-');
  if (parts.length !== 4) return undefined;
  const [frequency, width] = [Number(parts[2]), Number(parts[3])];
  return Number.isFinite(frequency) && Number.isFinite(width) ? { frequency, width } : undefined;
}

export const interfaceWireless: Rule = {
  id: 'dcim/interface-wireless',
  description: "An interface or interface template that is not wireless has a radio role, channel, frequency or width, or a wireless interface's frequency or width differs from its channel's.",
  severity: 'error',
  help: 'give rf_role, rf_channel, rf_channel_frequency and rf_channel_width only to wireless interfaces; with rf_channel, leave frequency and width out (the channel sets them) or give the channel\'s',
  run(model) {
    return interfaceFindings(model, ({ data, what }) => {
      if (typeof data.type !== 'string') return [];
      const problems: InterfaceProblem[] = [];
      if (!WIRELESS_INTERFACE_TYPES.has(data.type)) {
        const fields = RF_FIELDS.filter((f) => given(data[f]));
        // One mistake (radio settings on a wired type), reported where NetBox reports it first.
        if (fields.length) {
          problems.push({ field: fields[0], reason: 'not_wireless', message: `${what} is of type ${data.type}, which is not wireless and cannot have ${fields.join(', ')}`, data: { type: data.type, fields } });
        }
        return problems;
      }
      const channel = typeof data.rf_channel === 'string' ? channelOf(data.rf_channel) : undefined;
      if (!channel) return problems;
      for (const [field, key] of [['rf_channel_frequency', 'frequency'], ['rf_channel_width', 'width']] as const) {
        const v = data[field];
        if (!given(v) || Number(v) === channel[key]) continue;
        const said = key === 'frequency' ? `is centred on ${channel.frequency} MHz` : `is ${channel.width} MHz wide`;
        problems.push({
          field,
          reason: `${key}_mismatch`,
          message: `${what} has ${field} ${String(v)}, but its channel ${data.rf_channel} ${said}`,
          data: { channel: data.rf_channel, value: v, expected: channel[key] },
        });
      }
      return problems;
    }, { fields: RF_FIELDS });
  },
};
