// Deep imports keep start-up fast: loading all of `natural` costs about half a second.
declare module 'natural/lib/natural/stemmers/porter_stemmer' {
  const PorterStemmer: { stem(token: string): string };
  export = PorterStemmer;
}
declare module 'natural/lib/natural/distance/levenshtein_distance' {
  export function DamerauLevenshteinDistance(source: string, target: string, options?: { transposition_cost?: number }): number;
}
