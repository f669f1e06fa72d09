import { describe, expect, it } from 'vitest';
import { hyp2f1, logHyp2f1 } from './hyp2f1.ts';

const relative = (actual: number, expected: number) =>
  Math.abs(actual - expected) / Math.abs(expected);

describe('hyp2f1', () => {
  it('matches closed forms for z in [0, 1), including close to 1', () => {
    for (const z of [0.3, 0.9, 0.99, 0.999]) {
      expect(relative(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z)).toBeLessThan(1e-13);
      expect(relative(hyp2f1(0.3, 2, 2, z), (1 - z) ** -0.3)).toBeLessThan(1e-13);
      expect(relative(hyp2f1(0.5, 0.5, 1.5, z * z), Math.asin(z) / z)).toBeLessThan(1e-13);
    }
  });

  it('maps negative z through Pfaff', () => {
    expect(relative(hyp2f1(1, 1, 2, -3), Math.log(4) / 3)).toBeLessThan(1e-14);
    // mpmath: 2F1(2.5, −0.4; 0.7; −5)
    expect(relative(hyp2f1(2.5, -0.4, 0.7, -5), 3.587784184265094)).toBeLessThan(1e-13);
  });

  it('matches mpmath where the series converges slowly or terminates', () => {
    expect(hyp2f1(-3, 2, 1, 0.5)).toBeCloseTo(-0.25, 15);
    expect(relative(hyp2f1(0.3, 1.7, 2.9, 0.95), 1.3778266304065074)).toBeLessThan(1e-13);
    // c − a − b < 0: Euler's transformation carries the (1−z)^(c−a−b) singularity exactly.
    expect(relative(hyp2f1(1.2, 3.4, 2.1, 0.999), 16083990.561504692)).toBeLessThan(1e-12);
  });

  // ln 2F1(r+x, b+x; a+b+x−1; z) at the CDNOW estimates, from mpmath at 40 digits: the BG/NBD
  // conditional expectation's term, far beyond the range of a double for large x.
  it.each([
    [50, 0.5, 34.96530648707208],
    [50, 0.9, 116.15819564822648],
    [50, 0.99, 232.32287146448],
    [500, 0.5, 346.88509872478056],
    [500, 0.9, 1152.3279749609005],
    [500, 0.99, 2304.6566110654358],
    [5000, 0.5, 3466.047778140265],
    [5000, 0.9, 11513.96155465064],
    [5000, 0.99, 23027.923175549553],
  ])('large parameters: x = %s, z = %s in log space', (x, z, expected) => {
    const [r, a, b] = [0.243, 0.793, 2.426];
    const value = logHyp2f1(r + x, b + x, a + b + x - 1, z);
    expect(value.sign).toBe(1);
    expect(relative(value.log, expected)).toBeLessThan(1e-13);
  });

  it('overflows only in the plain form', () => {
    expect(hyp2f1(0.3 + 5000, 2.4 + 5000, 2.2 + 5000, 0.99)).toBe(Infinity);
    expect(Number.isFinite(logHyp2f1(0.3 + 5000, 2.4 + 5000, 2.2 + 5000, 0.99).log)).toBe(true);
  });

  it('is 1 at z = 0, NaN at a pole or z ≥ 1, and throws when the series will not converge', () => {
    expect(hyp2f1(3, 4, 5, 0)).toBe(1);
    expect(hyp2f1(1, 2, -3, 0.5)).toBeNaN();
    expect(hyp2f1(1, 2, 3, 1)).toBeNaN();
    expect(() => hyp2f1(1, 1, 2, 0.999999, 1000)).toThrow(RangeError);
  });
});
