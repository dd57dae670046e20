// A ready-made panel for ROC curves: several models on one square plot with the chance diagonal.
import KusariCore

/// One model's ROC curve to draw: its false and true positive rates, a name and its AUC.
public struct ROCSeries: Sendable {
    /// FP / N at each threshold (from 0 to 1).
    public let falsePositiveRate: [Double]
    /// TP / P at each threshold.
    public let truePositiveRate: [Double]
    /// The model's name in the legend.
    public let name: String
    /// The area under the curve, shown in the legend as "name (AUC 0.873)".
    public let auc: Double
    /// Colour and dash.
    public let style: SeriesStyle

    /// A curve to draw.
    public init(falsePositiveRate: [Double], truePositiveRate: [Double], name: String, auc: Double,
                style: SeriesStyle = .init()) {
        (self.falsePositiveRate, self.truePositiveRate, self.name, self.auc, self.style)
            = (falsePositiveRate, truePositiveRate, name, auc, style)
    }
}

extension Panel {
    /// A ROC panel: each curve labelled with its AUC (three decimals), the dotted chance diagonal, both
    /// axes 0…1, legend bottom right.
    ///
    /// ```swift
    /// let roc = rocCurve(scores: s, labels: y)
    /// let panel = Panel.roc([ROCSeries(falsePositiveRate: roc.falsePositiveRate,
    ///                                  truePositiveRate: roc.truePositiveRate, name: "LSTM", auc: 0.87)])
    /// try Figure(panel).save(to: url)
    /// ```
    public static func roc(_ curves: [ROCSeries], title: String? = nil) -> Panel {
        var panel = Panel(title: title, xLabel: "false positive rate (1 − specificity)",
                          yLabel: "true positive rate (sensitivity)", legend: .bottomRight)
        for curve in curves {
            let label = curve.name + " (AUC " + String(format3(curve.auc)) + ")"
            panel.line(x: curve.falsePositiveRate, y: curve.truePositiveRate, label: label, style: curve.style)
        }
        panel.line(x: [0, 1], y: [0, 1], label: "chance (AUC 0.5)", style: .init(color: "#909090", lineWidth: 1, dash: .dotted))
        panel.xRange = 0...1
        panel.yRange = 0...1
        return panel
    }
}

/// x with three decimals ("0.873").
func format3(_ x: Double) -> String {
    let scaled = Int((x * 1000).rounded())
    let whole = scaled / 1000, fraction = abs(scaled % 1000)
    return "\(whole)." + String(repeating: "0", count: 3 - String(fraction).count) + String(fraction)
}
