import type { BgnbdParams } from './bgnbdParams.ts';

/**
 * P(alive at T | x, t_x, T) under BG/NBD (Fader, Hardie & Lee 2005, eq. 11; Fader & Hardie,
 * "Computing P(alive) using the BG/NBD model"):
 *
 *   P = 1 / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))
 *
 * evaluated as a logistic of the log odds, so any x, t_x and T give a value in [0, 1] (no NaN or
 * overflow). A customer without repeat purchases is alive: the model lets customers drop out only
 * right after a repeat purchase.
 */
export function pAlive(params: BgnbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const logOdds =
    Math.log(params.a / (params.b + x - 1)) +
    (params.r + x) * Math.log((params.alpha + T) / (params.alpha + tx));
  return logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
}
