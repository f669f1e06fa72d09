/** A deterministic random source for simulations (not for anything security-related). */
export interface Random {
  /** Uniform on [0, 1), 53 random bits. */
  uniform(): number;
  /** Standard normal (Marsaglia's polar method). */
  normal(): number;
  /** Exponential with the given rate. */
  exponential(rate: number): number;
  /** Gamma with shape and rate (mean shape/rate): Marsaglia & Tsang (2000). */
  gamma(shape: number, rate: number): number;
  /** ln of a Gamma(shape, 1) draw, exact in log space even when the draw would underflow. */
  logGamma(shape: number): number;
  /** Beta(a, b) as X/(X+Y) of two gamma draws, combined in log space. */
  beta(a: number, b: number): number;
}

/**
 * xoshiro128** (Blackman & Vigna) seeded through splitmix32, plus the few distributions the
 * churn simulations need. The same seed always gives the same sequence.
 */
export function seededRandom(seed: number): Random {
  let m = seed >>> 0;
  const splitmix = () => {
    m = (m + 0x9e3779b9) | 0;
    let t = m ^ (m >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
  let s0 = splitmix();
  let s1 = splitmix();
  let s2 = splitmix();
  let s3 = splitmix();
  const next32 = () => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  const uniform = () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
  const positive = () => 1 - uniform(); // (0, 1]
  let spare: number | undefined;
  const normal = () => {
    if (spare !== undefined) {
      const v = spare;
      spare = undefined;
      return v;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * uniform() - 1;
      v = 2 * uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * f;
    return u * f;
  };
  const marsagliaTsang = (shape: number) => {
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = positive();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  };
  const logGamma = (shape: number) =>
    shape >= 1
      ? Math.log(marsagliaTsang(shape))
      : Math.log(marsagliaTsang(shape + 1)) + Math.log(positive()) / shape;
  return {
    uniform,
    normal,
    exponential: (rate) => -Math.log(positive()) / rate,
    gamma: (shape, rate) => Math.exp(logGamma(shape)) / rate,
    logGamma,
    beta: (a, b) => {
      const d = logGamma(b) - logGamma(a);
      return d > 0 ? Math.exp(-d) / (1 + Math.exp(-d)) : 1 / (1 + Math.exp(d));
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
