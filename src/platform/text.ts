/**
 * Text helpers every module needs the same way: one slug spelling, one paragraph split.
 * Three copies of `slugify` used to disagree ("cœur" gave "c-ur" in two of them).
 */

// Letters NFD does not decompose: without these, "cœur" becomes "c-ur" and "Straße" "stra-e".
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' };

/**
 * "Retour sur le forum ouvert PCAET" → "retour-sur-le-forum-ouvert-pcaet", "Cœur d'Œuvre" → "coeur-d-oeuvre".
 * At most 80 characters, never starting or ending with a dash; "" when nothing is left,
 * so each caller picks its own fallback (`slugify(title) || 'contenu'`).
 */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[œæß]/g, (c) => LIGATURES[c])
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/**
 * The paragraphs of a text typed in a textarea: split on blank lines whatever the line endings
 * (browsers send "\r\n", imports and old clients "\n" or "\r"), trimmed, empty ones dropped.
 * Line breaks inside a paragraph are kept, as "\n".
 */
export function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}
