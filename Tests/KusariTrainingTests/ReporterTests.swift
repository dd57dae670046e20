import Kusari
import Testing

extension Training {
    @Suite struct ReporterTests {
        @Test func repeatedKeysInOneScopeAreAveraged() {
            let reporter = Reporter()
            reporter.scope {
                report(["main/loss": 1.0])
                report(["main/loss": 3.0, "main/accuracy": 0.5])
                report(["main/loss": 8.0])
            }
            #expect(reporter.observation == ["main/loss": 4.0, "main/accuracy": 0.5])
            #expect(reporter.keys == ["main/loss", "main/accuracy"])
        }

        @Test func eachScopeStartsEmpty() {
            let reporter = Reporter()
            reporter.scope { report(["a": 1.0]) }
            reporter.scope { report(["b": 2.0]) }
            #expect(reporter.observation == ["b": 2.0] && reporter.keys == ["b"])
        }

        @Test func variablesAreReportedAsTheirMean() {
            let reporter = Reporter()
            reporter.scope {
                report(["loss": Variable(NDArray(scalar: 0.25, dtype: .float64))])
                report(["vector": Variable([1.0, 2.0, 6.0])])
            }
            #expect(reporter.observation == ["loss": 0.25, "vector": 3.0])
        }

        @Test func reportOutsideAScopeIsANoOp() {
            let reporter = Reporter()
            #expect(Reporter.current == nil)
            report(["main/loss": 1.0])                       // nobody listens: nothing happens
            #expect(reporter.observation.isEmpty)
            reporter.scope { #expect(Reporter.current === reporter) }
            #expect(Reporter.current == nil)
            report(["main/loss": 2.0])
            #expect(reporter.observation.isEmpty)
        }

        @Test func summaryTakesTheMeanPerKeyOverObservations() {
            var summary = Summary()
            #expect(summary.isEmpty && summary.mean.isEmpty)
            summary.add(["a": 1, "b": 10])
            summary.add(["a": 2])
            summary.add(["a": 6, "b": 20])
            #expect(summary.mean == ["a": 3, "b": 15])
            #expect(!summary.isEmpty)
        }

        @Test func summaryStateRoundTripsExactly() throws {
            var summary = Summary()
            summary.add(["a": 0.1, "b": 1e-300])
            summary.add(["a": 0.7])
            let writer = StateWriter()
            try summary.serialize(writer)
            #expect(writer.entries["count/a"] == .integer(2) && writer.entries["sum/b"] == .number(1e-300))
            var restored = Summary()
            restored.add(["c": 5])                                   // replaced by the saved summary
            try restored.serialize(StateReader(writer.entries))
            #expect(restored.mean == summary.mean)
            var both = (summary, restored)
            both.0.add(["a": 0.3])
            both.1.add(["a": 0.3])
            #expect(both.0.mean == both.1.mean)
        }
    }
}
