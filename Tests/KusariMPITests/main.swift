/// `kusari-mpi-tests`: the checks of KusariDistributed that need several processes. Run them with
///
///     mpirun --allow-run-as-root --oversubscribe -np 2 .build/debug/kusari-mpi-tests
///
/// (`scripts/test-mpi.sh` does, with a timeout, as part of `make test`). Every rank runs every check;
/// rank 0 prints one line per check and the summary, and every rank exits non-zero if any rank failed.
/// `kusari-mpi-tests fail-nan`, `fail-throw` and `fail-crash` are the failure scenarios: rank 1 breaks,
/// and the whole job must end (non-zero, naming rank 1) instead of hanging.
import Foundation
import Kusari
import KusariDistributed

let arguments = CommandLine.arguments.dropFirst()
let communicator: MPICommunicator
do {
    communicator = try MPICommunicator()
} catch {
    FileHandle.standardError.write(Data("kusari-mpi-tests: cannot start MPI: \(error)\n".utf8))
    exit(2)
}

switch arguments.first {
case "fail-nan": failingRankScenario(communicator, .nanLoss)
case "fail-throw": failingRankScenario(communicator, .thrownError)
case "fail-crash": failingRankScenario(communicator, .crash)
case nil, "all": break
default:
    FileHandle.standardError.write(Data("usage: kusari-mpi-tests [all | fail-nan | fail-throw | fail-crash]\n".utf8))
    exit(2)
}

var checks = CheckList(communicator: communicator)
communicator.abortOnError {
    try collectiveChecks(&checks)
    try trainingChecks(&checks)
    try parameterAveragingChecks(&checks)
    try resumeChecks(&checks)
    try batchShardChecks(&checks)
}
exit(checks.finish())
