// A synthetic paediatric-ICU cohort with the difficulties of real bedside data: irregular, informative
// measurement times, missing values, physiology that drifts, and an outcome that depends on the whole stay.
import Foundation
import KusariCore

/// A seeded generator of ICU stays (the design in Kusari's ICU reference notes). For each patient:
///
/// - age a ~ U(0.1, 17) years; weight = (3.5 + 3a)·e^{0.1 ε} kg; stay length L = clip(e^{ln 48 + 0.6 ε}, 12, 240) h;
/// - latent admission severity s ~ N(0, 1) and course d ~ N(0, 1) (d > 0: deteriorating);
/// - a latent illness u(t), an Ornstein–Uhlenbeck process around a drifting mean,
///   du = −θ (u − (s + d·t/48)) dt + σ dW, θ = 0.3, σ = 0.35, u(0) = s, stepped with dt = 0.25 h;
/// - six variables from u and age, each with Gaussian noise (sd in brackets), ā = min(a, 14):
///   HR = 150 − 5.5ā + 12u (5), RR = 45 − 2ā + 4u (2), SpO₂ = 98 − 2.5 max(u, 0) (1),
///   SysBP = 85 + 2ā − 7u (6), Temp = 37 + 0.4u (0.2), Lactate = 1.2 e^{0.35u} (0.2);
/// - all six measured at admission (t = 0), then each variable k at the events of a Poisson process of
///   rate λₖ e^{γₖ u(t)} per hour (sicker patients are measured more often), λ = (1, 1, 1, 0.5, 0.25,
///   0.125), γ = (0.3, 0.3, 0.3, 0.3, 0.2, 0.8);
/// - death ~ Bernoulli(σ(z)) with the true logit z = −4.2 + 1.3 u(L) + 0.6 max u + 0.25 [a < 1].
///
/// Rows are the quarter-hours at which something was measured (NaN for variables not measured then).
public struct SyntheticICUCohort: Sendable {
    /// The measured stays: features ``variableNames``, statics `age`, `weight`, times in hours.
    public let stays: SequenceDataset
    /// 1 = died, 0 = survived, per stay.
    public let labels: [Int]
    /// The generator's true logit z per stay: the best score any model could reach (the "oracle").
    public let trueLogits: [Double]

    /// The six variables, in row order.
    public static let variableNames = ["heart_rate", "resp_rate", "spo2", "sys_bp", "temperature", "lactate"]

    /// Generates `count` stays from `seed` (same seed, same cohort).
    public init(count: Int, seed: UInt64) {
        precondition(count >= 0, "SyntheticICUCohort: count \(count) must not be negative")
        let g = RandomGenerator(seed: seed)
        var entities: [EntitySequence] = [], labels: [Int] = [], logits: [Double] = []
        for patient in 0..<count {
            let (stay, z) = Self.simulate(id: String(patient + 1), g)
            entities.append(stay)
            logits.append(z)
            labels.append(g.nextUniform() < 1 / (1 + Foundation.exp(-z)) ? 1 : 0)
        }
        stays = SequenceDataset(featureNames: Self.variableNames, staticNames: ["age", "weight"], entities: entities)
        self.labels = labels
        trueLogits = logits
    }

    static let rates = [1, 1, 1, 0.5, 0.25, 0.125]
    static let rateGains = [0.3, 0.3, 0.3, 0.3, 0.2, 0.8]

    /// One patient's stay and true logit.
    static func simulate(id: String, _ g: RandomGenerator) -> (EntitySequence, Double) {
        let age = 0.1 + 16.9 * g.nextUniform()
        let weight = (3.5 + 3 * age) * Foundation.exp(0.1 * g.nextNormal())
        let hours = min(max(Foundation.exp(Foundation.log(48) + 0.6 * g.nextNormal()), 12), 240)
        let s = g.nextNormal(), d = g.nextNormal()
        let dt = 0.25, theta = 0.3, sigma = 0.35
        let steps = Int(hours / dt)
        var u = s, maxU = s
        var times: [Double] = [], values: [Double] = []
        for step in 0...steps {
            let t = Double(step) * dt
            if step > 0 {
                u += -theta * (u - (s + d * t / 48)) * dt + sigma * dt.squareRoot() * g.nextNormal()
                maxU = max(maxU, u)
            }
            var row = [Double](repeating: .nan, count: 6), any = false
            for k in 0..<6 where step == 0 || g.nextUniform() < rates[k] * Foundation.exp(rateGains[k] * u) * dt {
                row[k] = vital(k, u: u, age: age, g)
                any = true
            }
            if any {
                times.append(t)
                values += row
            }
        }
        let z = -4.2 + 1.3 * u + 0.6 * maxU + (age < 1 ? 0.25 : 0)
        return (EntitySequence(id: id, times: times, values: values, featureCount: 6, statics: [age, weight]), z)
    }

    /// Variable k measured at latent illness u.
    static func vital(_ k: Int, u: Double, age: Double, _ g: RandomGenerator) -> Double {
        let a = min(age, 14), e = g.nextNormal()
        switch k {
        case 0: return 150 - 5.5 * a + 12 * u + 5 * e
        case 1: return 45 - 2 * a + 4 * u + 2 * e
        case 2: return min(98 - 2.5 * max(u, 0) + e, 100)
        case 3: return 85 + 2 * a - 7 * u + 6 * e
        case 4: return 37 + 0.4 * u + 0.2 * e
        default: return max(1.2 * Foundation.exp(0.35 * u) + 0.2 * e, 0.1)
        }
    }
}
