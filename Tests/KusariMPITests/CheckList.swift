import Foundation
import Kusari
import KusariDistributed

/// Records the result of each check on this rank; ``finish()`` combines the ranks' results.
struct CheckList {
    let communicator: any Communicator
    private(set) var failures: [String] = []
    private(set) var count = 0

    init(communicator: any Communicator) {
        self.communicator = communicator
    }

    /// Records `name` as passed when `condition` holds; `detail` explains a failure (and is printed
    /// by rank 0 as the measured value either way).
    mutating func expect(_ condition: Bool, _ name: String, _ detail: @autoclosure () -> String = "") {
        count += 1
        let line = "\(condition ? "PASS" : "FAIL") [rank \(communicator.rank)/\(communicator.size)] \(name)"
            + (detail().isEmpty ? "" : "  (\(detail()))")
        if !condition { failures.append(line) }
        if !condition || communicator.rank == 0 { print(line); fflush(nil) }
    }

    /// Prints the summary on rank 0 and returns the exit status (0 only if every rank passed everything).
    func finish() -> Int32 {
        let failed = (try? communicator.allgather(Double(failures.count))) ?? [Double(failures.count)]
        let total = Int(failed.reduce(0, +))
        if communicator.rank == 0 {
            print(total == 0
                  ? "kusari-mpi-tests: all \(count) checks passed on \(communicator.size) rank(s)"
                  : "kusari-mpi-tests: \(total) check(s) failed over \(communicator.size) rank(s)")
        }
        return total == 0 ? 0 : 1
    }
}

/// The largest |a − b| over two equally long arrays (∞ when the lengths differ).
func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
    guard a.count == b.count else { return .infinity }
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

/// Every parameter of `link`, flattened in declaration order.
func flatParameters(_ link: Link) -> [Double] {
    link.parameters().flatMap(\.data.doubleValues)
}

/// True when every rank holds exactly rank 0's `values` (rank 0's copy is broadcast and compared).
func identicalOnEveryRank(_ values: [Double], _ communicator: any Communicator) throws -> Bool {
    var reference = NDArray(values, dtype: .float64)
    try communicator.broadcast(&reference, root: 0)
    let same = reference.doubleValues == values ? 1.0 : 0.0
    return try communicator.allgather(same).allSatisfy { $0 == 1 }
}
