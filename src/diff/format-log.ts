// `sot log` output: pretty (as `git log` reads) and json (History with a stable key order).
import { formatChange, formatPlace, sortKeys } from './format-common.js';
import type { History } from './history.js';


export function formatLogPretty(history: History, options: { color?: boolean } = {}): string {
  const paint = (code: string, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const out: string[] = [];
  const n = history.entries.length;
  out.push(`${history.kind} ${history.key}: ${n === 0 ? 'no change' : `${n} change${n === 1 ? '' : 's'}`} in the ${history.commits_read} inventory commit${history.commits_read === 1 ? '' : 's'} read from ${history.rev}${history.more ? ' (older ones not read: raise --max-count)' : ''}`);
  for (const e of history.entries) {
    out.push('');
    out.push(`${paint('33', `commit ${e.commit}`)}`);
    out.push(`Author: ${e.author.name} <${e.author.email}>`);
    out.push(`Date:   ${e.date}`);
    out.push('');
    out.push(`    ${e.subject}`);
    out.push('');
    const where = formatPlace(e.at);
    if (e.action === 'create') out.push(`    ${paint('32', '+ created')} ${e.key} (${where})`);
    else if (e.action === 'delete') out.push(`    ${paint('31', '- deleted')} ${e.key} (${where})`);
    else if (e.action === 'rename') out.push(`    ${paint('36', '→ renamed')} ${e.from_key} → ${e.key} (${where})`);
    else out.push(`    ${paint('33', '~ updated')} ${e.key} (${where})`);
    for (const c of e.changes ?? []) out.push(`        ${formatChange(c)}`);
  }
  return `${out.join('\n')}\n`;
}

/** History as JSON: keys in the order History declares, field values with sorted keys. */
export function formatLogJson(history: History): string {
  const ordered = {
    format: history.format,
    kind: history.kind,
    key: history.key,
    rev: history.rev,
    commits_read: history.commits_read,
    more: history.more,
    entries: history.entries.map((e) => ({
      commit: e.commit,
      author: { name: e.author.name, email: e.author.email },
      date: e.date,
      subject: e.subject,
      action: e.action,
      key: e.key,
      ...(e.from_key !== undefined ? { from_key: e.from_key } : {}),
      at: { file: e.at.file, line: e.at.line, column: e.at.column },
      ...(e.changes ? { changes: e.changes.map((c) => ({ field: c.field, ...('before' in c ? { before: sortKeys(c.before) } : {}), ...('after' in c ? { after: sortKeys(c.after) } : {}) })) } : {}),
    })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
