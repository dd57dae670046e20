import CGnuplot
import Foundation
import KusariCore

/// Helpers shared by every ``Figure``: whether gnuplot is installed, and how to install it.
///
/// ```swift
/// if !Plotting.isGnuplotAvailable {
///     print("Figures will be saved as .dat and .gp only; run: \(Plotting.installCommand)")
/// }
/// ```
public enum Plotting {
    /// Whether gnuplot runs on this machine (`gnuplot --version` succeeds). Checked anew on each call,
    /// which starts a short-lived process.
    public static var isGnuplotAvailable: Bool { Gnuplot.system.isAvailable }

    /// The command that installs gnuplot on Debian and Ubuntu: `apt-get install gnuplot-nox`.
    public static let installCommand = "apt-get install gnuplot-nox"
}

/// A gnuplot executable, driven through the CGnuplot target (gnuplot-iostream).
struct Gnuplot: Sendable {
    /// `gnuplot`, found through `PATH`.
    static let system = Gnuplot(command: "gnuplot")

    /// The shell command that starts gnuplot.
    var command: String

    /// Whether `command --version` runs successfully.
    var isAvailable: Bool { kusari_gnuplot_available(command) == 1 }

    /// Runs the script file at `script` from its own folder, so its relative file names resolve there, and
    /// waits for gnuplot to exit. Returns CGnuplot's status code: 0 when the commands were delivered, which
    /// does not mean gnuplot succeeded (its errors only go to standard error).
    func runScript(at script: URL) -> Int {
        let folder = script.deletingLastPathComponent().path
        return run("cd \(GnuplotText.fileName(folder))\nload \(GnuplotText.fileName(script.lastPathComponent))\n")
    }

    /// Sends `commands` to a new gnuplot process and waits for it to exit; returns CGnuplot's status code.
    func run(_ commands: String) -> Int {
        Int(kusari_gnuplot_run(command, commands))
    }
}
