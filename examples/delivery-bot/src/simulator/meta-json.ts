// Meta serialises webhook bodies with every non-ASCII character as a \uXXXX
// escape and "/" as "\/", and signs those bytes. Reproducing that matters: a
// receiver that re-serialises the parsed JSON before checking the signature
// passes on ASCII text and fails on "Poto-Poto → Bacongo, 5 000 FCFA". The
// simulator therefore sends exactly this form.

/** JSON.stringify, then escape like Meta: non-ASCII as `\uXXXX`, `/` as `\/`. */
export function metaJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .replace(/\//g, "\\/");
}
