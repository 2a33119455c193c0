/**
 * @toktok/smart-fallback — public entry. Every export of the package is listed here.
 * @packageDocumentation
 */

/** Name of this package, as published on npm. */
export const packageName = "@toktok/smart-fallback";
