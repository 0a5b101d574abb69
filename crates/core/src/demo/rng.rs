//! Seeded random streams and a little deterministic maths.
//!
//! Every part of the district draws from its own stream, keyed by the seed and a few tags, so
//! the output is a pure function of the parameters. `exp`, `ln` and `cos` are written with
//! `+ - * /` only (IEEE-exact on every target), so native and wasm32 builds give the same bits;
//! integer draws use `u32` ranges (never `usize`, whose sampling differs between targets).

use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

pub(crate) type DemoRng = Xoshiro256PlusPlus;

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// An independent stream for `(seed, tags...)`.
pub(crate) fn stream(seed: u64, tags: &[u64]) -> DemoRng {
    let mut h = splitmix(seed ^ 0x1A7E_62A0_2026);
    for &t in tags {
        h = splitmix(h ^ splitmix(t));
    }
    DemoRng::seed_from_u64(h)
}

/// Uniform in `[0, 1)`.
pub(crate) fn uniform(r: &mut DemoRng) -> f64 {
    r.gen::<f64>()
}

/// Uniform integer in `0..n` (0 when `n == 0`).
pub(crate) fn below(r: &mut DemoRng, n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    let n = u32::try_from(n).unwrap_or(u32::MAX);
    r.gen_range(0..n) as usize
}

/// `true` with probability `p`.
pub(crate) fn chance(r: &mut DemoRng, p: f64) -> bool {
    uniform(r) < p
}

/// Standard normal by Box–Muller.
pub(crate) fn normal(r: &mut DemoRng) -> f64 {
    let u1 = 1.0 - uniform(r); // (0, 1]
    let u2 = uniform(r);
    (-2.0 * ln(u1)).sqrt() * cos_turns(u2)
}

/// Fisher–Yates shuffle.
pub(crate) fn shuffle<T>(r: &mut DemoRng, v: &mut [T]) {
    for i in (1..v.len()).rev() {
        let j = below(r, i + 1);
        v.swap(i, j);
    }
}

pub(crate) fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + exp(-x))
}

/// `e^x` by range reduction and a Taylor polynomial.
pub(crate) fn exp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    const LN2_HI: f64 = 6.931_471_803_691_238e-1;
    const LN2_LO: f64 = 1.908_214_929_270_587_7e-10;
    let x = x.clamp(-700.0, 700.0);
    let k = (x * std::f64::consts::LOG2_E).round();
    let r = (x - k * LN2_HI) - k * LN2_LO;
    let mut term = 1.0;
    let mut sum = 1.0;
    for i in 1..=14 {
        term *= r / i as f64;
        sum += term;
    }
    sum * f64::from_bits(((k as i64 + 1023) as u64) << 52)
}

/// Natural logarithm of a positive normal number (−745 for anything smaller).
pub(crate) fn ln(x: f64) -> f64 {
    if x.is_nan() || x < f64::MIN_POSITIVE {
        return -745.0;
    }
    let bits = x.to_bits();
    let mut e = ((bits >> 52) & 0x7ff) as i64 - 1023;
    let mut m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    if m > std::f64::consts::SQRT_2 {
        m *= 0.5;
        e += 1;
    }
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    let mut term = s;
    let mut sum = s;
    for k in 1..=11 {
        term *= s2;
        sum += term / (2 * k + 1) as f64;
    }
    2.0 * sum + e as f64 * std::f64::consts::LN_2
}

/// `cos(2πu)`.
pub(crate) fn cos_turns(u: f64) -> f64 {
    use std::f64::consts::{FRAC_PI_2, PI, TAU};
    let v = u - u.round();
    let a = v.abs() * TAU;
    let (a, sign) = if a > FRAC_PI_2 {
        (PI - a, -1.0)
    } else {
        (a, 1.0)
    };
    let a2 = a * a;
    let mut term = 1.0;
    let mut sum = 1.0;
    for k in 1..=12 {
        term *= -a2 / ((2 * k - 1) * (2 * k)) as f64;
        sum += term;
    }
    sign * sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maths_match_std() {
        for i in 0..2000 {
            let x = -30.0 + i as f64 * 0.03;
            assert!((exp(x) / x.exp() - 1.0).abs() < 1e-13, "exp {x}");
            let y = 1e-12 + i as f64 * 0.37;
            assert!((ln(y) - y.ln()).abs() < 1e-12, "ln {y}");
            let u = i as f64 / 2000.0;
            assert!((cos_turns(u) - (std::f64::consts::TAU * u).cos()).abs() < 1e-13);
        }
        assert!((sigmoid(0.0) - 0.5).abs() < 1e-15);
    }

    #[test]
    fn normal_moments_and_streams() {
        let mut r = stream(1, &[2, 3]);
        let n = 40_000;
        let xs: Vec<f64> = (0..n).map(|_| normal(&mut r)).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n as f64;
        assert!(
            mean.abs() < 0.03 && (var - 1.0).abs() < 0.04,
            "{mean} {var}"
        );
        let a = uniform(&mut stream(1, &[2, 3]));
        let b = uniform(&mut stream(1, &[2, 4]));
        assert_ne!(a, b);
        let mut v: Vec<u32> = (0..20).collect();
        shuffle(&mut r, &mut v);
        let mut s = v.clone();
        s.sort();
        assert_eq!(s, (0..20).collect::<Vec<_>>());
    }
}
