// Unambiguous English slurs against a protected group (race, national origin, religion, sexual
// orientation), for the content.shaft.hate rule (src/core/content/hate.ts). Each is stored ROT13
// so that the source, diffs and search results do not display them; hate.ts decodes them once.
// Kept short on purpose: a word with an ordinary meaning in business texts ("chink in the armour",
// "coon" for raccoon, "dyke" in place names, "fag" for a cigarette, "tranny" for a transmission,
// "retard" in "flame retardant") is left out, because a false block costs a sender a real text.
// Compiled by hand from general knowledge of US English usage; not taken from a licensed lexicon.

/** Slurs, ROT13-encoded, lower case; letters and spaces only. */
export const HATE_SLURS_ROT13: readonly string[] = [
  'avttre', // n-word
  'avttn', // n-word, -a form
  'xvxr', // anti-Jewish
  'xlxr', // anti-Jewish, variant spelling
  'fcvp', // anti-Latino
  'fcvpx', // anti-Latino, variant spelling
  'jrgonpx', // anti-Mexican
  'ornare', // anti-Mexican
  'tbbx', // anti-Asian
  'mvccreurnq', // anti-Asian
  'enturnq', // anti-Arab / anti-Muslim
  'gbjryurnq', // anti-Arab / anti-Muslim
  'pnzry wbpxrl', // anti-Arab
  'snttbg', // anti-gay
  'wvtnobb', // anti-Black
  'cbepu zbaxrl', // anti-Black
];
