import Foundation
import Testing
import Kusari
import KusariTesting

/// LSTMAutoencoder, LSTMVAE and VariationalAutoencoder: forward values against an independent NumPy
/// implementation, parameter gradients against finite differences, and the scoring helpers.
///
/// The expected numbers come from a NumPy script (Chainer's interleaved LSTM gates written out by hand)
/// with every parameter filled as 0.3·sin(1.7·i + k + 1), i the flat index and k the parameter's position
/// in declaration order, and the input x[b, t, f] = sin(0.5·(15b + 3t + f)), F = 3, H = 4, T = 5, B = 2,
/// latent 2. They are pasted below with their full repr().
@Suite("Links: LSTMAutoencoder, LSTMVAE, VariationalAutoencoder")
struct SequenceAutoencoderTests {
    static func filled(_ link: Link) {
        for (k, p) in link.parameters().enumerated() {
            p.data = NDArray((0..<p.count).map { 0.3 * sin(1.7 * Double($0) + Double(k) + 1) }, shape: p.shape,
                             dtype: .float64)
        }
    }

    static let x = NDArray((0..<30).map { i -> Double in
        let (b, t, f) = (i / 15, (i / 3) % 5, i % 3)
        return sin(0.5 * Double(15 * b + 3 * t + f))
    }, shape: [2, 5, 3])

    @Test func lstmAutoencoderMatchesNumPy() throws {
        let model = LSTMAutoencoder(features: 3, hiddenSize: 4, dtype: .float64)
        Self.filled(model)
        let expected: [Double] = [
            0.25279634747207363, -0.11986624939157081, -0.2984494600352759, 0.25575656281091025, -0.11705715414249707,
            -0.29652523465471575, 0.26051153320906795, -0.11273034638105732, -0.2937567734348298, 0.26820423094077617,
            -0.10630215529599578, -0.2902721647728547, 0.2807261925248498, -0.09761896361468309, -0.2876958362450089,
            0.24782187338985803, -0.12485543483702966, -0.3021501565634038, 0.25185398802116743, -0.1209169952819805,
            -0.29933413226460476, 0.258378784804625, -0.1145578733348058, -0.294801719724658, 0.2689870369750008,
            -0.10430924141516829, -0.2875897021541299, 0.2862787885361885, -0.08801424709457871, -0.27654779938014706]
        let y = model(Variable(Self.x))
        try assertAllClose(y.data, NDArray(expected, shape: [2, 5, 3]), atol: 1e-12)
        try assertAllClose(model.loss(Variable(Self.x)).data, NDArray(scalar: 0.5883671911186175, dtype: .float64),
                           atol: 1e-12)
    }

    @Test func lstmVAEMatchesNumPy() throws {
        let model = LSTMVAE(features: 3, hiddenSize: 4, latentSize: 2, dtype: .float64)
        Self.filled(model)
        let (mean, lnVar) = model.encode(Variable(Self.x))
        try assertAllClose(mean.data, NDArray([-0.2904779354308864, 0.13541568748128158, -0.30624079517274994,
                                               0.10603474253257958], shape: [2, 2]), atol: 1e-12)
        try assertAllClose(lnVar.data, NDArray([0.22843362765682945, 0.22057099003649183, 0.20614397568669982,
                                                0.21479844405156978], shape: [2, 2]), atol: 1e-12)
        let r = model.decode(mean, shape: [2, 5, 3])
        #expect(r.parameter.shape == [2, 5, 3])
        let expectedMean: [Double] = [
            0.25904975623553633, -0.026135612495287414, -0.3092637386917951, 0.26235041264497305, -0.031997186185606166,
            -0.32275647001295915, 0.26233234140853434, -0.03508830975680282, -0.32811322892683964, 0.2616145701204721,
            -0.036969403821038915, -0.330666294555895, 0.26089717478725466, -0.038147726910085784, -0.33199776149555477,
            0.26009107431521533, -0.025315865843791505, -0.30887968540840766, 0.2641485972606969, -0.030294516962890462,
            -0.32159406193043316, 0.2645614278238869, -0.03287610152414118, -0.32649573877097765, 0.2641083015344333,
            -0.03445415179698814, -0.3287865183752421, 0.2635552297110251, -0.035450034630377415, -0.32996508262389607]
        try assertAllClose(r.mean.data, NDArray(expectedMean, shape: [2, 5, 3]), atol: 1e-12)
        try assertAllClose(r.negativeLogLikelihood(Variable(Self.x)).data,
                           NDArray([17.58796619122724, 18.390083073924874]), atol: 1e-11)
        try assertAllClose(model.reconstructionError(Self.x), NDArray([0.5386891982191193, 0.6321535697314167]),
                           atol: 1e-12)
    }

    @Test func variationalAutoencoderMatchesNumPy() throws {
        // Same fill; x[n, j] = sin(0.7·(4n + j)), leakyReLU slope 0.2, one hidden layer of 5 each side.
        let vae = VariationalAutoencoder(inSize: 4, latentSize: 2, encoderSizes: [5], decoderSizes: [5], dtype: .float64)
        Self.filled(vae)
        let x = NDArray((0..<12).map { sin(0.7 * Double($0)) }, shape: [3, 4])
        let (mean, lnVar) = vae.encode(Variable(x))
        try assertAllClose(mean.data, NDArray([-0.17790396398894515, -0.2933006896090827, -0.18532343673353574,
                                               -0.34948834983341337, -0.15856397688297408, -0.34113037755169084],
                                              shape: [3, 2]), atol: 1e-12)
        try assertAllClose(lnVar.data, NDArray([-0.21645819118205917, 0.3816174053560806, -0.282442188815616,
                                                0.4519686396453437, -0.265715084317139, 0.4122876225535955],
                                               shape: [3, 2]), atol: 1e-12)
        let r = vae.decode(mean, shape: [3, 4])
        try assertAllClose(r.parameter.data, NDArray([
            -0.08071428589277528, -0.3875439992489866, 0.3309990080338161, 0.19920635867216527, -0.08459578109309211,
            -0.38405776556899085, 0.3306829948923366, 0.19610061233732048, -0.0841458886831566, -0.3866901582315594,
            0.33340256591321404, 0.1954585767503592], shape: [3, 4]), atol: 1e-12)
        try assertAllClose(r.negativeLogLikelihood(Variable(x)).data,
                           NDArray([4.4515142576544005, 5.374484260953482, 4.3440297289163]), atol: 1e-12)
    }

    @Test func lossPartsAndScoresAreConsistentAndSeeded() throws {
        let model = LSTMVAE(features: 3, hiddenSize: 4, latentSize: 2, dtype: .float64,
                            generator: RandomGenerator(seed: 1))
        let loss = model.loss(Variable(Self.x), beta: 0.5, generator: RandomGenerator(seed: 2))
        try assertAllClose(loss.total.data, loss.reconstruction.data + 0.5 * loss.kl.data, atol: 1e-12)
        let (mean, lnVar) = model.encode(Variable(Self.x))
        try assertAllClose(loss.kl.data, gaussianKLDivergence(mean, lnVar).data / 2, atol: 1e-12)
        let a = model.reconstructionLogProbability(Self.x, samples: 4, generator: RandomGenerator(seed: 3))
        let b = model.reconstructionLogProbability(Self.x, samples: 4, generator: RandomGenerator(seed: 3))
        #expect(a == b && a.shape == [2])
        // With L samples it is the mean of L single-sample values drawn in the same order.
        let g = RandomGenerator(seed: 3)
        let singles = (0..<4).map { _ in model.reconstructionLogProbability(Self.x, samples: 1, generator: g) }
        try assertAllClose(a, singles.dropFirst().reduce(singles[0], +) / 4, atol: 1e-12)
    }

    @Test func parameterGradientsOfAllThreeModels() throws {
        let ae = LSTMAutoencoder(features: 3, hiddenSize: 3, dtype: .float64, generator: RandomGenerator(seed: 4))
        try checkParameterGradients(ae, atol: 1e-7) { ae.loss(Variable(Self.x)) }
        let vae = LSTMVAE(features: 3, hiddenSize: 3, latentSize: 2, dtype: .float64, generator: RandomGenerator(seed: 5))
        try checkParameterGradients(vae, atol: 1e-7) { vae.loss(Variable(Self.x), generator: RandomGenerator(seed: 6)).total }
        let mlp = VariationalAutoencoder(inSize: 4, latentSize: 2, encoderSizes: [5], decoderSizes: [5],
                                         distribution: .bernoulli, dtype: .float64, generator: RandomGenerator(seed: 7))
        let data = NDArray.uniform([3, 4], dtype: .float64, generator: RandomGenerator(seed: 8))
        try checkParameterGradients(mlp, atol: 1e-7) { mlp.loss(Variable(data), generator: RandomGenerator(seed: 9)).total }
    }

    @Test func variationalAutoencoderShapesAndDistributions() {
        let data = NDArray.uniform([6, 4], dtype: .float64, generator: RandomGenerator(seed: 10))
        for distribution in [ReconstructionDistribution.gaussian, .bernoulli] {
            let vae = VariationalAutoencoder(inSize: 4, latentSize: 3, encoderSizes: [8, 8], decoderSizes: [8],
                                             distribution: distribution, dtype: .float64)
            let (r, mean, lnVar) = vae(Variable(data), generator: RandomGenerator(seed: 11))
            #expect(r.parameter.shape == [6, 4] && mean.shape == [6, 3] && lnVar.shape == [6, 3])
            #expect((r.lnVar == nil) == (distribution == .bernoulli))
            #expect(vae.reconstructionError(data).shape == [6])
            #expect(vae.outputLnVar == nil || distribution == .gaussian)
        }
    }
}
