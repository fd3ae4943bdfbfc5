// Portable random numbers for the corpus generator (private to corpus/): the std::
// distributions differ between library versions, so every draw here is defined on
// std::mt19937_64's raw output, which the standard fixes bit for bit.
#ifndef GAZETTE_CORPUS_GENERATOR_RANDOM_H_
#define GAZETTE_CORPUS_GENERATOR_RANDOM_H_

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace gazette::corpus::generator {

// SplitMix64 finaliser: spreads (seed, index) pairs into unrelated stream seeds.
inline std::uint64_t Mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// A random stream with the few distributions the generator needs. Not thread-safe;
// each article and query gets its own stream, so output never depends on threads.
class Rng {
 public:
  Rng(std::uint64_t seed, std::uint64_t stream) : engine_(Mix(Mix(seed) ^ Mix(stream + 1))) {}

  std::uint64_t Next() { return engine_(); }
  // Uniform in [0, 1), 53 bits.
  double Uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  // Uniform integer in [lo, hi], both inclusive. REQUIRES: lo <= hi.
  std::int64_t Between(std::int64_t lo, std::int64_t hi) {
    const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
    return lo + static_cast<std::int64_t>(span == 0 ? engine_() : engine_() % span);
  }
  bool Chance(double p) { return Uniform() < p; }
  // Standard normal (Box-Muller, one value per call).
  double Normal() {
    const double u1 = 1.0 - Uniform();  // (0, 1]
    const double u2 = Uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  std::mt19937_64 engine_;
};

// Zipf over ranks 0..n-1: P(rank r) proportional to 1 / (r + 1)^exponent.
class Zipf {
 public:
  Zipf(std::size_t n, double exponent) : cdf_(n) {
    double sum = 0;
    for (std::size_t r = 0; r < n; ++r) {
      sum += 1.0 / std::pow(static_cast<double>(r + 1), exponent);
      cdf_[r] = sum;
    }
    for (double& c : cdf_) c /= sum;
  }
  std::size_t size() const { return cdf_.size(); }
  std::size_t Draw(Rng& rng) const {
    const auto it = std::upper_bound(cdf_.begin(), cdf_.end(), rng.Uniform());
    return std::min(static_cast<std::size_t>(it - cdf_.begin()), cdf_.size() - 1);
  }

 private:
  std::vector<double> cdf_;
};

}  // namespace gazette::corpus::generator

#endif  // GAZETTE_CORPUS_GENERATOR_RANDOM_H_
