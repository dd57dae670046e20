// The parent side of kusari-fuzz: start a child on the inputs, watch its progress file, and when it
// crashes or stops making progress, record that input, save it, and start a new child after it.
import ArgumentParser
import Foundation

/// The totals of one format's run.
struct Summary {
    var counts = [Int](repeating: 0, count: Outcome.allCases.count)
    var crashes = 0
    var hangs = 0
    var seconds = 0.0

    func line(format: String) -> String {
        let total = counts.reduce(0, +) + crashes + hangs
        return "\(format): \(total) inputs in \(String(format: "%.1f", seconds)) s: "
            + "\(counts[Outcome.accepted.rawValue]) accepted, \(counts[Outcome.rejected.rawValue]) rejected "
            + "with a descriptive error, \(counts[Outcome.unexpectedError.rawValue]) other errors, "
            + "\(crashes) crashes, \(hangs) hangs, \(counts[Outcome.droppedMembers.rawValue]) with dropped members"
    }
}

/// The child's progress: the input it is on, whether it finished, and its counts so far.
struct ProgressFile {
    let path: String

    func record(index: Int, done: Bool, counts: [Int]) {
        let text = ([index, done ? 1 : 0] + counts).map(String.init).joined(separator: " ") + "\n"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return }
        _ = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
    }

    func read() -> (index: Int, done: Bool, counts: [Int])? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let numbers = text.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard numbers.count == 2 + Outcome.allCases.count else { return nil }
        return (numbers[0], numbers[1] == 1, Array(numbers[2...]))
    }
}

extension KusariFuzz {
    /// Runs every input of `inputs` in child processes; returns the totals.
    func supervise(format label: String, inputs: InputSource) throws -> Summary {
        var summary = Summary()
        let start = Date()
        let progressPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("kusari-fuzz-progress-\(getpid())-\(label)").path
        defer { try? FileManager.default.removeItem(atPath: progressPath) }
        var next = 0
        while next < inputs.count {
            let progress = ProgressFile(path: progressPath)
            progress.record(index: next, done: false, counts: summary.counts.map { _ in 0 })
            var arguments = ["--child-format", label, "--from", String(next), "--progress", progressPath,
                             "--seed", String(seed), "--count", String(count), "--formats", formats]
            if let replay { arguments += ["--replay", replay] }
            if verbose { arguments.append("--verbose") }
            if zipfoundationBaseline { arguments.append("--zipfoundation-baseline") }
            if let crashAt { arguments += ["--crash-at", String(crashAt)] }
            if let hangAt { arguments += ["--hang-at", String(hangAt)] }
            let child = try ChildProcess(arguments: arguments)
            var lastIndex = next, lastChange = Date(), killed = false
            var status = child.poll()
            while status == nil {
                usleep(20_000)
                if let state = progress.read(), state.index != lastIndex {
                    (lastIndex, lastChange) = (state.index, Date())
                } else if !killed && Date().timeIntervalSince(lastChange) > timeout {
                    child.kill()
                    killed = true
                }
                status = child.poll()
            }
            guard let state = progress.read() else { throw ValidationError("lost the child's progress file") }
            for k in summary.counts.indices { summary.counts[k] += state.counts[k] }
            if state.done && status == 0 { break }
            // The child died (or was killed) while reading input `state.index`.
            if killed { summary.hangs += 1 } else { summary.crashes += 1 }
            let what = killed ? "hang" : "crash"
            let saved = saveFinding(inputs.input(state.index), label: label, index: state.index, kind: what)
            print("\(label): \(what) on \(inputs.label(state.index))\(saved.map { ", saved as \($0)" } ?? "")")
            next = state.index + 1
        }
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }

    /// Saves an input that crashed or hung the reader; returns the path.
    private func saveFinding(_ bytes: [UInt8], label: String, index: Int, kind: String) -> String? {
        guard replay == nil else { return nil }
        let folder = URL(fileURLWithPath: save)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("\(kind)-seed\(seed)-\(index).\(label)")
        return (try? Data(bytes).write(to: url)).map { url.path }
    }
}

/// A child process running this same executable, started with `posix_spawn` and reaped with `waitpid`
/// (so its end is seen at once, whatever signal ended it). Swift's crash backtracer is turned off in the
/// child: a crash should end it immediately, not after seconds of symbolication.
struct ChildProcess {
    let pid: pid_t

    init(arguments: [String]) throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let environment = ProcessInfo.processInfo.environment.filter { $0.key != "SWIFT_BACKTRACE" }
            .map { "\($0.key)=\($0.value)" } + ["SWIFT_BACKTRACE=enable=no"]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, nil, nil, argv, envp)
        guard result == 0 else {
            throw ValidationError("cannot start \(executable): \(String(cString: strerror(result)))")
        }
        self.pid = pid
    }

    /// The exit status once the child has ended (a signal counts as failure: -1), or `nil` while it runs.
    func poll() -> Int32? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else { return result < 0 ? -1 : nil }
        let exited = status & 0x7F == 0
        return exited ? (status >> 8) & 0xFF : -1
    }

    func kill() { _ = Glibc.kill(pid, SIGKILL) }
}
