// A small XML well-formedness check for generated SVG: one root element, tags that nest and close,
// quoted attributes without duplicates, and no bare `<` or `&` in text or attribute values.

const NAME = '[A-Za-z_][\\w:.-]*';
const TAG = new RegExp(`<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`, 'y');
const ATTR = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');
const BAD_AMP = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  text: string;
}

/** The problems that make `text` not well-formed XML (none: []), and its elements in document order. */
export function checkXml(text: string): { problems: string[]; elements: XmlElement[] } {
  const problems: string[] = [];
  const elements: XmlElement[] = [];
  const stack: XmlElement[] = [];
  let roots = 0;
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt < 0 ? text.length : lt);
    if (BAD_AMP.test(chunk)) problems.push(`bare & in text at ${i}`);
    if (chunk.trim() && !stack.length) problems.push(`text outside the root at ${i}`);
    if (stack.length) stack[stack.length - 1].text += chunk;
    if (lt < 0) break;
    TAG.lastIndex = lt;
    const m = TAG.exec(text);
    if (!m) {
      problems.push(`malformed tag at ${lt}: ${text.slice(lt, lt + 40)}`);
      break;
    }
    const [, closing, name, attrText, selfClosing] = m;
    if (closing) {
      const open = stack.pop();
      if (open?.name !== name) problems.push(`</${name}> closes <${open?.name}> at ${lt}`);
    } else {
      const attrs: Record<string, string> = {};
      for (const a of attrText.matchAll(ATTR)) {
        const value = a[2] ?? a[3];
        if (a[1] in attrs) problems.push(`duplicate attribute ${a[1]} at ${lt}`);
        if (BAD_AMP.test(value)) problems.push(`bare & in attribute ${a[1]} at ${lt}`);
        attrs[a[1]] = value;
      }
      const el: XmlElement = { name, attrs, text: '' };
      elements.push(el);
      if (!stack.length) roots++;
      if (!selfClosing) stack.push(el);
    }
    i = TAG.lastIndex;
  }
  if (stack.length) problems.push(`unclosed <${stack.map((e) => e.name).join('> <')}>`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return { problems, elements };
}

/** Text with the five predefined entities read back. */
export function unescapeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);
}
