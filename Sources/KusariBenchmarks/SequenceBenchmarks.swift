import Foundation
import Kusari

/// W4 through ``SequenceLSTM``: the same step as ``w4(hidden:threads:repeats:)`` (LSTM(32 → H), batch 64,
/// 50 steps, Linear(H → 1) on the last h, MSE, backward, Adam), with the whole sequence in one call, so
/// the input projection of all 50 steps (and its weight gradient) is one matrix product.
func w4Sequence(hidden: Int, threads: Int, repeats: Int) throws -> Measurement {
    let generator = RandomGenerator(seed: 0)
    let (batch, steps, input) = (64, 50, 32)
    let lstm = SequenceLSTM(input, hidden, generator: generator)
    let readout = Linear(hidden, 1, generator: generator)
    let model = Chain2(lstm, readout)
    let optimizer = Adam().setup(model)
    let x = Variable(NDArray.normal([batch, steps, input], generator: generator), requiresGrad: false)
    let lengths = [Int](repeating: steps, count: batch)
    let target = Variable(NDArray.normal([batch, 1], generator: generator), requiresGrad: false)
    let times = try measure(warmup: 3, repeats: repeats) {
        let loss = meanSquaredError(readout(lstm(x, lengths: lengths).lastH), target)
        model.clearGrads()
        loss.backward()
        loss.unchainBackward()
        try optimizer.update()
    }
    var result = Measurement(workload: "w4seq", hidden: hidden, threads: threads, timings: times)
    let flops = 3.0 * 2.0 * Double(steps * batch * 4 * hidden * (input + hidden))
    result.extra["gflops"] = flops / (result.median * 1e6)
    result.extra["peak_rss_mb"] = peakResidentMegabytes()
    return result
}

/// W5: one training epoch of the icu-mortality-lstm Part 1 model on its default cohort: the 1,500
/// training stays of `SyntheticICUCohort(count: 2500, seed: 0)` on an hourly grid (7 inputs, 12–241
/// steps), batch 128 in a fixed order, SequenceLSTM(128, dropout 0.25, recurrent dropout 0.1) → Linear(1)
/// at every valid step, masked sigmoid cross-entropy, RMSprop(0.005). Reports the valid steps per epoch.
func w5Epoch(threads: Int, repeats: Int) throws -> Measurement {
    let cohort = SyntheticICUCohort(count: 2500, seed: 0)
    let hourly = try cohort.stays.subset(Array(0..<1500)).map(ResampleToGrid(step: 1))
    let filled = try hourly.map(SequenceStandardizer(fittedOn: hourly)).map(ForwardFill(then: 0))
    // The tutorial's seventh input is the standardised age; its value does not change the work.
    let stays: [EntitySequence] = filled.entities.map { (s: EntitySequence) -> EntitySequence in
        var values: [Double] = []
        for r in 0..<s.length { values += s.values[(r * 6)..<((r + 1) * 6)] + [0.0] }
        return EntitySequence(id: s.id, times: s.times, values: values, featureCount: 7)
    }
    let labels = Array(cohort.labels.prefix(1500))
    let generator = RandomGenerator(seed: 0)
    let lstm = SequenceLSTM(7, 128, dropout: 0.25, recurrentDropout: 0.1, generator: generator)
    let head = Linear(128, 1, generator: generator)
    let model = Chain2(lstm, head)
    let optimizer = RMSprop(lr: 0.005, rho: 0.9, eps: 1e-7).setup(model)
    let batches = stride(from: 0, to: stays.count, by: 128).map { start -> (PaddedSequences, Variable) in
        let end = min(start + 128, stays.count)
        let padded = padSequences(Array(stays[start..<end]), padding: .post)
        let time = padded.data.shape[1]
        let targets = labels[start..<end].flatMap { [Double](repeating: Double($0), count: time) }
        return (padded, Variable(NDArray(targets, shape: [end - start, time, 1], dtype: .float32), requiresGrad: false))
    }
    let times = try measure(warmup: 1, repeats: repeats) {
        for (batch, targets) in batches {
            let out = lstm(Variable(batch.data, requiresGrad: false), lengths: batch.lengths)
            let logits = unpack(head(out.packed), out.layout, time: batch.data.shape[1])
            let loss = sigmoidCrossEntropy(logits, targets, mask: batch.mask)
            model.clearGrads()
            loss.backward()
            loss.unchainBackward()
            try optimizer.update()
        }
    }
    var result = Measurement(workload: "w5", hidden: 128, threads: threads, timings: times)
    result.extra["valid_steps"] = Double(stays.map { $0.length }.reduce(0, +))
    result.extra["peak_rss_mb"] = peakResidentMegabytes()
    return result
}
