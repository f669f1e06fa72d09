/**
 * BG/NBD parameters (Fader, Hardie & Lee 2005): while alive a customer buys at Poisson rate λ,
 * λ ~ Gamma(shape r, rate α); after each repeat purchase they drop out with probability p,
 * p ~ Beta(a, b). Time is in the unit of the summaries (weeks here).
 */
export interface BgnbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}
