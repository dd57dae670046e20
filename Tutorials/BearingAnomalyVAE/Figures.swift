import Foundation
import Kusari
import KusariSignal

// Step 7: the figures. Each `Figure.save` writes name.png, name.dat (the numbers) and name.gp (a gnuplot
// script that redraws the PNG from the .dat).

/// One colour per detector and per fault, the same in every figure.
enum Palette {
    static let model = ["lstm_vae": "#d62728", "lstm_ae": "#1f77b4", "pca": "#2ca02c", "amplitude": "#7f7f7f"]
    static let healthy = "#1f77b4"
    static let fault = ["rho35": "#d62728", "sigma14": "#ff7f0e", "rho30": "#9467bd"]
    static let threshold = "#303030"
}

/// Part 1: the score of every held-out healthy window, then of every broken window, with the threshold.
func part1Figure(_ r: Part1Result) -> Figure {
    var panel = Panel(title: String(format: "Part 1: reconstruction error of DL4J's model (AUC %.3f)", r.auc),
                      xLabel: "window (healthy test, then broken)", yLabel: "MSE of FFT features (log scale)",
                      yLogScale: true, legend: .topLeft)
    let n = r.healthyScores.count
    panel.scatter(x: (0..<n).map(Double.init), y: r.healthyScores, label: "healthy",
                  style: .init(color: Palette.healthy))
    panel.scatter(x: r.brokenScores.indices.map { Double(n + $0) }, y: r.brokenScores, label: "broken",
                  style: .init(color: Palette.fault["rho35"]))
    let total = Double(n + r.brokenScores.count)
    panel.line(x: [0, total], y: [r.threshold, r.threshold], label: "threshold (0.99 of training)",
               style: .init(color: Palette.threshold, dash: .dashed))
    return Figure(panel)
}

/// ROC curves of the four detectors, one panel per mild fault.
func rocFigure(_ part2: Part2Result, data: BearingData, table: MetricsTable) -> Figure {
    let panels = data.faults.enumerated().map { f, fault -> Panel in
        var panel = Panel(title: "fault \(fault.name)", xLabel: "false-positive rate", yLabel: "true-positive rate",
                          legend: .bottomRight)
        for name in modelNames {
            guard let s = part2.scores[name] else { continue }
            let points = rocCurvePoints(scores: s.healthyTest + s.faults[f],
                                        labels: s.healthyTest.map { _ in false } + s.faults[f].map { _ in true })
            let auc = table[fault.name]?[name]?.auc ?? .nan
            panel.line(x: points.map(\.fpr), y: points.map(\.tpr), label: String(format: "%@ %.2f", name, auc),
                       style: .init(color: Palette.model[name]))
        }
        panel.line(x: [0, 1], y: [0, 1], style: .init(color: Palette.threshold, dash: .dashed))
        panel.xRange = 0...1
        panel.yRange = 0...1
        return panel
    }
    return Figure(panels: panels, columns: 3, size: .init(width: 1500, height: 500))
}

/// A detector's score window by window: healthy test, then each fault, with its threshold.
func scoresOverTimeFigure(_ part2: Part2Result, data: BearingData, table: MetricsTable) -> Figure {
    let panels = ["lstm_vae", "pca"].compactMap { name -> Panel? in
        guard let s = part2.scores[name] else { return nil }
        var panel = Panel(title: "\(name): score per window", xLabel: "window (healthy test, then each fault)",
                          yLabel: "anomaly score", legend: .outsideRight)
        var start = 0
        panel.line(x: s.healthyTest.indices.map { Double($0) }, y: s.healthyTest, label: "healthy",
                   style: .init(color: Palette.healthy))
        start += s.healthyTest.count
        for (f, fault) in data.faults.enumerated() {
            panel.line(x: s.faults[f].indices.map { Double(start + $0) }, y: s.faults[f], label: fault.name,
                       style: .init(color: Palette.fault[fault.name]))
            start += s.faults[f].count
        }
        let threshold = table[data.faults[0].name]?[name]?.threshold ?? 0
        panel.line(x: [0, Double(start)], y: [threshold, threshold], label: "threshold",
                   style: .init(color: Palette.threshold, dash: .dashed))
        return panel
    }
    return Figure(panels: panels, columns: 1, size: .init(width: 1200, height: 800))
}

/// The LSTM-VAE's latent means μ(x) of healthy and faulty windows, projected on the two leading principal
/// axes of the healthy test windows' means.
func latentFigure(_ part2: Part2Result, data: BearingData) throws -> Figure {
    func means(_ w: NDArray) -> NDArray {
        noGrad { part2.vae.encode(Variable(w.astype(.float32), requiresGrad: false)).mean.data.astype(.float64) }
    }
    let healthy = means(data.healthyTest)
    let plane = try PrincipalComponents(fitting: healthy, components: 2)
    var panel = Panel(title: "LSTM-VAE latent means, two leading principal axes of the healthy ones",
                      xLabel: "axis 1", yLabel: "axis 2", legend: .outsideRight)
    func add(_ m: NDArray, _ label: String, _ color: String?) {
        let p = plane.transform(m).doubleValues
        panel.scatter(x: stride(from: 0, to: p.count, by: 2).map { p[$0] },
                      y: stride(from: 1, to: p.count, by: 2).map { p[$0] }, label: label, style: .init(color: color))
    }
    add(healthy, "healthy", Palette.healthy)
    for fault in data.faults { add(means(fault.windows), fault.name, Palette.fault[fault.name]) }
    return Figure(panel, size: .init(width: 1000, height: 700))
}

/// The x channel of a healthy and a faulty window with both models' reconstructions.
func reconstructionFigure(_ part2: Part2Result, data: BearingData) -> Figure {
    func firstWindow(_ w: NDArray) -> NDArray {
        w.slice([AxisSlice(start: 0, count: 1, keepsAxis: true)] + w.shape.dropFirst().map {
            AxisSlice(start: 0, count: $0, keepsAxis: true) }).astype(.float32)
    }
    func channel(_ a: NDArray, _ c: Int) -> [Double] {
        let v = a.doubleValues
        return stride(from: c, to: v.count, by: 3).map { v[$0] }
    }
    let cases = [("healthy test window 0", data.healthyTest), ("\(data.faults[0].name) window 0", data.faults[0].windows)]
    var panels: [Panel] = []
    for (title, set) in cases {
        let w = firstWindow(set)
        let vae = noGrad {
            part2.vae.decode(part2.vae.encode(Variable(w, requiresGrad: false)).mean, shape: w.shape).mean.data
        }
        let ae = noGrad { part2.ae(Variable(w, requiresGrad: false)).data }
        for (c, axis) in ["x", "z"].enumerated().map({ ($0.offset * 2, $0.element) }) {
            var panel = Panel(title: "\(title), \(axis) (min–max scaled)", xLabel: "step", yLabel: axis,
                              legend: .below)
            panel.line(y: channel(w, c), label: "window", style: .init(color: Palette.threshold, lineWidth: 2))
            panel.line(y: channel(vae, c), label: "LSTM-VAE (decoded μ)", style: .init(color: Palette.model["lstm_vae"]))
            panel.line(y: channel(ae, c), label: "LSTM-AE", style: .init(color: Palette.model["lstm_ae"]))
            panels.append(panel)
        }
    }
    return Figure(panels: panels, columns: 2, size: .init(width: 1200, height: 900))
}

/// The LSTM-VAE's two loss terms and the LSTM-AE's MSE per epoch.
func lossFigure(_ part2: Part2Result) -> Figure {
    var vae = Panel(title: "LSTM-VAE loss per window", xLabel: "epoch", yLabel: "nats", legend: .topRight)
    for (key, label, color) in [("main/reconstruction", "reconstruction −ln p(x|z)", "#d62728"),
                                ("main/kl", "KL(q(z|x) ‖ N(0, I))", "#1f77b4")] {
        let y = part2.vaeLog.epochs[key] ?? []
        vae.add(Series(kind: .linesPoints, x: y.indices.map { Double($0 + 1) }, y: y, label: label,
                       style: .init(color: color)))
    }
    var ae = Panel(title: "LSTM-AE loss", xLabel: "epoch", yLabel: "MSE (log scale)", yLogScale: true,
                   legend: .topRight)
    let y = part2.aeLog.epochs["main/loss"] ?? []
    ae.add(Series(kind: .linesPoints, x: y.indices.map { Double($0 + 1) }, y: y, label: "training MSE",
                  style: .init(color: Palette.model["lstm_ae"])))
    return Figure(panels: [vae, ae], columns: 2, size: .init(width: 1200, height: 450))
}

/// Saves every figure into `folder`.
func saveFigures(part1: Part1Result, data: BearingData, part2: Part2Result, table: MetricsTable,
                 settings: Settings, to folder: URL) throws {
    let figures = [("part1-scores", part1Figure(part1)), ("roc", rocFigure(part2, data: data, table: table)),
                   ("scores-over-time", scoresOverTimeFigure(part2, data: data, table: table)),
                   ("latent", try latentFigure(part2, data: data)),
                   ("reconstructions", reconstructionFigure(part2, data: data)), ("losses", lossFigure(part2))]
    for (name, figure) in figures { try figure.save(to: folder.appending(path: name + ".png")) }
}
