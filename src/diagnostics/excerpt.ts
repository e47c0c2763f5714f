/** How many characters of a value a message or a diagnostic's data quotes. */
export const MAX_QUOTED_LENGTH = 200;

/**
 * A value as messages and data quote it: whole up to MAX_QUOTED_LENGTH characters, else its first
 * 200 and its length, `aaaa… (50000000 characters)`. A 50 MB scalar would otherwise be copied into
 * every message, every reporter's output and the JSON report. Never cuts a surrogate pair in two.
 */
export function excerpt(value: string): string {
  if (value.length <= MAX_QUOTED_LENGTH) return value;
  let end = MAX_QUOTED_LENGTH;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${value.slice(0, end)}… (${value.length} characters)`;
}
